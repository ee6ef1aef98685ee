using MemberCards.CardValue;
using MemberCards.Members;
using MemberCards.Merging;
using MemberCards.Purchases;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Benchmarks;

/// <summary>
/// #19's merge, named with the words: two members with 1,000 purchases each (bulk-loaded once, with a top-up
/// each), merged and unmerged in turn — each timed operation first undoes (untimed) what the last one left — and the
/// duplicates page's search over every member.
/// </summary>
public sealed partial class BenchmarkRun
{
    public const string MergeTwoMembers = "merge of two members with 1,000 purchases each";
    public const string UnmergeTwoMembers = "unmerge of two members with 1,000 purchases each";
    public const string FindDuplicates = "duplicates page: likely pairs among all members";

    private const int PurchasesEach = 1_000;

    private static IEnumerable<Operation> MergeOperations(IServiceProvider services, IReadOnlyList<int> productIds)
    {
        var merges = services.GetRequiredService<MergeService>();
        (int Kept, int Absorbed) pair = default;
        var mergeId = 0;

        async Task MergeAsync(CancellationToken t)
        {
            if (pair == default)
            {
                pair = (await MemberWithHistoryAsync(services, productIds, "甲", t), await MemberWithHistoryAsync(services, productIds, "乙", t));
            }
            var merged = await merges.MergeAsync(pair.Kept, pair.Absorbed, User, t);
            mergeId = merged.Succeeded ? merged.Value : throw new InvalidOperationException($"{merged.Errors[0].Field}: {merged.Errors[0].Code}");
        }

        async Task UnmergeAsync(CancellationToken t)
        {
            var undone = await merges.UnmergeAsync(mergeId, User, t);
            mergeId = undone.Succeeded ? 0 : throw new InvalidOperationException($"{undone.Errors[0].Field}: {undone.Errors[0].Code}");
        }

        yield return new(MergeTwoMembers, 1_000, (i, t) => Task.CompletedTask)
        {
            TimedPart = async (i, t) =>
            {
                if (mergeId != 0)
                {
                    await UnmergeAsync(t);
                }
                var timer = System.Diagnostics.Stopwatch.StartNew();
                await MergeAsync(t);
                return timer.Elapsed;
            },
        };
        yield return new(UnmergeTwoMembers, 1_000, (i, t) => Task.CompletedTask)
        {
            TimedPart = async (i, t) =>
            {
                if (mergeId == 0)
                {
                    await MergeAsync(t);
                }
                var timer = System.Diagnostics.Stopwatch.StartNew();
                await UnmergeAsync(t);
                return timer.Elapsed;
            },
        };
        var duplicates = services.GetRequiredService<DuplicateFinder>();
        yield return new(FindDuplicates, 2_000, (i, t) => duplicates.FindAsync(User, t));
    }

    /// <summary>A new member with a ¥100 top-up and 1,000 two-line purchases over the last 300 days, through the bulk posting.</summary>
    private static async Task<int> MemberWithHistoryAsync(IServiceProvider services, IReadOnlyList<int> productIds, string name, CancellationToken cancellationToken)
    {
        var created = await services.GetRequiredService<MemberService>().CreateAsync(new NewMember($"合并测试{name}", null, null), User, cancellationToken);
        var memberId = created.Value!.MemberId;
        var topUp = await services.GetRequiredService<TopUpService>().RecordAsync(new NewTopUp(memberId, 10_000, PaymentMethod.WeChatPay), User, cancellationToken);
        if (!topUp.Succeeded)
        {
            throw new InvalidOperationException($"{topUp.Errors[0].Field}: {topUp.Errors[0].Code}");
        }
        var purchases = Enumerable.Range(0, PurchasesEach).Select(k => new ImportedPurchase(memberId, Now.AddDays(-300).AddMinutes(k * 431), "benchmark",
            [new NewPurchaseLine(productIds[k % productIds.Count], 1), new NewPurchaseLine(productIds[(k + 3) % productIds.Count], 2)])).ToList();
        var loaded = await services.GetRequiredService<PurchaseImport>().LoadAsync(purchases, User, cancellationToken);
        return loaded.Succeeded ? memberId : throw new InvalidOperationException($"{loaded.Errors[0].Field}: {loaded.Errors[0].Code}");
    }
}
