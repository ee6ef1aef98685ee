using MemberCards.Benchmarks;

namespace MemberCards.Tests.Benchmarks;

public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Every_benchmarked_operation_runs_on_a_small_dataset_and_the_file_is_removed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"membercards-smoke-{Guid.NewGuid():N}.db");
        var log = new StringWriter();
        using var sql = new SqlCapture();

        var results = await new BenchmarkRun(new BenchmarkOptions(300, 3_000, path, Keep: false, null, null, Repetitions: 1), log).RunAsync(sql, CancellationToken.None);

        Assert.Equal(42, results.Count);
        Assert.Equal("figures check (every derived figure recomputed)", results[^1].Operation);
        var bulk = results[0];
        Assert.Equal("rows/s", bulk.Unit);
        Assert.InRange(bulk.N, 3_000, 12_000);
        Assert.All(results.Skip(1), r => Assert.Equal((1, "ms"), (r.N, r.Unit)));
        Assert.All(results, r => Assert.True(r.P95 > 0, r.Operation));
        Assert.Contains(sql.ByOperation["segment: top 50 spenders in the last 90 days"], s => s.Contains("GROUP BY", StringComparison.Ordinal));
        Assert.Contains(sql.ByOperation["dashboard 90 days (all queries)"], s => s.Contains("ProductSalesDays", StringComparison.Ordinal));
        Assert.Contains(sql.ByOperation["record a purchase paid by stored value with points earned"], s => s.Contains("LedgerEntries", StringComparison.Ordinal));
        Assert.Contains(sql.ByOperation[BenchmarkRun.WhatIfPreview], s => s.Contains("GROUP BY", StringComparison.Ordinal));
        Assert.Contains(sql.ByOperation[BenchmarkRun.UsableCoupons], s => s.Contains("\"Coupons\"", StringComparison.Ordinal));
        Assert.Contains(sql.ByOperation[BenchmarkRun.CampaignResults], s => s.Contains("CouponControlMembers", StringComparison.Ordinal));
        Assert.Contains(sql.ByOperation[BenchmarkRun.TierEvaluationInPurchase], s => s.Contains("\"MemberId\" = @memberId", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Operation == BenchmarkRun.NightlyTierReview);
        Assert.Contains(results, r => r.Operation == BenchmarkRun.FullRebuild);
        Assert.Contains(results, r => r.Operation == BenchmarkRun.BasketSuggestions);
        Assert.Contains(results, r => r.Operation == BenchmarkRun.MemberSuggestions);
        Assert.Contains(sql.ByOperation[BenchmarkRun.MergeTwoMembers], s => s.Contains("MemberMergeMoves", StringComparison.Ordinal));
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("--members", "0")]
    [InlineData("--purchases", "many")]
    [InlineData("--unknown", "1")]
    public void Bad_arguments_are_refused_with_the_usage(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse([name, value]));
        Assert.Contains("usage:", error.Message, StringComparison.Ordinal);
    }
}
