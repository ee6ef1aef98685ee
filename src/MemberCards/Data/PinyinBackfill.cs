using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Data;

/// <summary>
/// Folds the pinyin of members written before the pinyin columns existed (null there), at start-up after the
/// migrations: the readings come from the table embedded in the app, which SQL cannot read. Every write since sets
/// them (<see cref="Member.SetName"/>), so a later start finds none, after one scan of the members.
/// </summary>
internal static class PinyinBackfill
{
    private const int BatchSize = 1_000;

    /// <summary>Returns how many members it folded.</summary>
    public static async Task<int> RunAsync(MemberCardsDb db, CancellationToken cancellationToken)
    {
        var folded = 0;
        while (true)
        {
            var batch = await db.Members.Where(m => m.SearchPinyin == null).OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return folded;
            }
            foreach (var member in batch)
            {
                var pinyin = Pinyin.Of(member.Name);
                member.SearchPinyin = pinyin.Full;
                member.SearchInitials = pinyin.Initials;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            folded += batch.Count;
        }
    }
}
