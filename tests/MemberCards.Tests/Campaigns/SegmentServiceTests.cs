using MemberCards.Accounts;
using MemberCards.Campaigns;
using MemberCards.Members;

namespace MemberCards.Tests.Campaigns;

public sealed class SegmentServiceTests : IAsyncLifetime
{
    private CampaignData _data = null!;

    public async ValueTask InitializeAsync() => _data = await CampaignData.CreateAsync();

    public async ValueTask DisposeAsync() => await _data.Db.DisposeAsync();

    [Fact]
    public async Task Members_rank_by_non_void_spend_in_the_last_90_days_with_their_figures()
    {
        var now = TestDatabase.DefaultNow;
        var members = await _data.EvaluateAsync(new SegmentCriteria());

        Assert.Equal([("Cy", 3200L, 3), ("Ann", 2000L, 2), ("Ben", 1800L, 1), ("Flo", 1050L, 2), ("Di", 500L, 1)],
            members.Select(m => (m.Name, m.SpendMinor, m.Purchases)));
        Assert.Equal([1L, 2, 3, 4, 5], members.Select(m => m.Rank));
        Assert.Equal(now.AddDays(-5), members[0].LastPurchaseAt);
        Assert.Equal(now.AddDays(-80), members[3].LastPurchaseAt);
    }

    [Fact]
    public async Task Top_n_keeps_the_best_spenders_and_pages_split_them()
    {
        Assert.Equal(["Cy", "Ann"], await _data.NamesAsync(new SegmentCriteria { Top = 2 }));
        var second = await _data.Db.Get<SegmentService>().PageAsync(new SegmentCriteria(), 1, 2, false, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal(["Ben", "Flo"], second.Rows.Select(m => m.Name));
        Assert.Equal(new SegmentSummary(5, 8550, 4), second.Summary);
        Assert.All(second.Rows, m => Assert.Null(m.Rfm));
        var pastTop = await _data.Db.Get<SegmentService>().PageAsync(new SegmentCriteria { Top = 3 }, 1, 2, false, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal(["Ben"], pastTop.Rows.Select(m => m.Name));
        var pastEnd = await _data.Db.Get<SegmentService>().PageAsync(new SegmentCriteria { Top = 3 }, 5, 2, false, TestUsers.Marketing, CancellationToken.None);
        Assert.Equal((0, new SegmentSummary(3, 7000, 2)), (pastEnd.Rows.Count, pastEnd.Summary));
    }

    [Fact]
    public async Task Period_as_last_n_days_or_as_fixed_days()
    {
        var last30 = await _data.EvaluateAsync(new SegmentCriteria { PeriodDays = 30 });
        Assert.Equal([("Cy", 3200L), ("Ben", 1800L), ("Ann", 1000L)], last30.Select(m => (m.Name, m.SpendMinor)));

        // Ann's cake was bought on 2026-02-08; February alone holds just that purchase.
        var february = await _data.EvaluateAsync(new SegmentCriteria { From = new DateOnly(2026, 2, 1), To = new DateOnly(2026, 2, 28) });
        Assert.Equal([("Ann", 1000L, 1)], february.Select(m => (m.Name, m.SpendMinor, m.Purchases)));
    }

    [Fact]
    public async Task Minimum_spend_and_minimum_purchase_count_in_the_period()
    {
        Assert.Equal(["Cy", "Ann", "Ben"], await _data.NamesAsync(new SegmentCriteria { MinSpendMinor = 1800 }));
        Assert.Equal(["Cy", "Ann", "Flo"], await _data.NamesAsync(new SegmentCriteria { MinPurchases = 2 }));
    }

    [Fact]
    public async Task Last_purchase_within_n_days_or_lapsed_for_n_days()
    {
        Assert.Equal(["Cy", "Ann"], await _data.NamesAsync(new SegmentCriteria { LastPurchaseWithinDays = 7 }));
        Assert.Equal(["Cy", "Ann", "Ben"], await _data.NamesAsync(new SegmentCriteria { LastPurchaseWithinDays = 11 }));
        Assert.Equal(["Flo", "Di"], await _data.NamesAsync(new SegmentCriteria { LapsedDays = 30 }));
    }

    [Fact]
    public async Task Tiers_card_status_and_marketing_opt_in()
    {
        Assert.Equal(["Ann", "Di"], await _data.NamesAsync(new SegmentCriteria { TierIds = [TestTiers.Gold] }));
        Assert.Equal(["Cy", "Flo"], await _data.NamesAsync(new SegmentCriteria { TierIds = [TestTiers.Bronze, TestTiers.Platinum] }));
        Assert.Equal(["Di"], await _data.NamesAsync(new SegmentCriteria { Statuses = [MemberStatus.Frozen] }));
        Assert.Equal(["Ann", "Ben", "Flo", "Di"], await _data.NamesAsync(new SegmentCriteria { OptedInOnly = true }));
    }

    [Fact]
    public async Task Bought_a_product_or_a_category_in_the_period()
    {
        Assert.Equal(["Ann", "Flo", "Di"], await _data.NamesAsync(new SegmentCriteria { ProductId = _data.Cake }));
        Assert.Equal(["Ann", "Ben", "Flo", "Di"], await _data.NamesAsync(new SegmentCriteria { Category = "Bakery" }));
        Assert.Equal(["Ben"], await _data.NamesAsync(new SegmentCriteria { Category = "Bakery", PeriodDays = 30 }));
        // Ed's coffee in the period was voided: a void buys nothing.
        Assert.DoesNotContain("Ed", await _data.NamesAsync(new SegmentCriteria { ProductId = _data.Coffee, PeriodDays = 3 }));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var criteria = new SegmentCriteria { OptedInOnly = true, Category = "Bakery", MinPurchases = 2, Top = 1 };
        Assert.Equal(["Ann"], await _data.NamesAsync(criteria));
        Assert.Equal(["Ann", "Flo"], await _data.NamesAsync(criteria with { Top = null }));
        Assert.Empty(await _data.NamesAsync(criteria with { TierIds = [TestTiers.Silver] }));
    }

    [Fact]
    public async Task Summary_gives_size_spend_and_opted_in_count()
    {
        var service = _data.Db.Get<SegmentService>();
        Assert.Equal(new SegmentSummary(5, 8550, 4), await service.SummaryAsync(new SegmentCriteria(), TestUsers.Marketing, CancellationToken.None));
        Assert.Equal(new SegmentSummary(2, 5200, 1), await service.SummaryAsync(new SegmentCriteria { Top = 2 }, TestUsers.Marketing, CancellationToken.None));
        Assert.Equal(new SegmentSummary(0, 0, 0), await service.SummaryAsync(new SegmentCriteria { MinSpendMinor = 1_000_000 }, TestUsers.Marketing, CancellationToken.None));
    }

    [Fact]
    public async Task Invalid_criteria_are_refused_with_the_field_to_fix()
    {
        Assert.Contains(SegmentRules.Validate(new SegmentCriteria { From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 1) }), e => e.Field == "To");
        Assert.Contains(SegmentRules.Validate(new SegmentCriteria { From = new DateOnly(2026, 3, 2) }), e => e.Field == "To");
        Assert.Contains(SegmentRules.Validate(new SegmentCriteria { Top = 0 }), e => e.Field == "Top");
        Assert.Contains(SegmentRules.Validate(new SegmentCriteria { MinSpendMinor = -1 }), e => e.Field == "MinSpendMinor");
        await Assert.ThrowsAsync<ArgumentException>(() => _data.EvaluateAsync(new SegmentCriteria { PeriodDays = 0 }));
    }

    [Fact]
    public async Task Staff_and_anonymous_users_are_refused_by_every_segment_method()
    {
        var segments = _data.Db.Get<SegmentService>();
        foreach (var user in new[] { TestUsers.Staff, TestUsers.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => segments.PageAsync(new SegmentCriteria(), 0, 10, false, user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => segments.SummaryAsync(new SegmentCriteria(), user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => segments.RfmSizesAsync(new SegmentCriteria(), user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => segments.FilterChoicesAsync(user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _data.Db.Get<SegmentExport>().ExportAsync(new SegmentCriteria(), ExportFormat.Csv, MemberCards.Benchmarks.PlainExportText.Value, user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _data.Db.Get<SavedSegmentService>().ListAsync(user, CancellationToken.None));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _data.Db.Get<SavedSegmentService>().CreateAsync("x", new SegmentCriteria(), user, CancellationToken.None));
        }
        Assert.NotEmpty((await segments.PageAsync(new SegmentCriteria(), 0, 10, false, TestUsers.Manager, CancellationToken.None)).Rows);
    }
}
