using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Merging;

/// <summary>One merge as the history lists it: both members, who merged when, and whether it was undone or can still be.</summary>
public sealed record MergeRow(int Id, DateTime MergedAt, string MergedBy, int KeptId, string KeptCard, string KeptName, int AbsorbedId, string AbsorbedCard,
    string AbsorbedName, DateTime? UnmergedAt, string? UnmergedBy, DateTime UndoUntil)
{
    public bool CanUndoAt(DateTime utcNow) => UnmergedAt is null && utcNow <= UndoUntil;
}

/// <summary>The merges, newest first (managers).</summary>
public sealed class MergeHistory(IDbContextFactory<MemberCardsDb> dbFactory)
{
    public const int MaxRows = 100;

    public async Task<IReadOnlyList<MergeRow>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.MemberMerges.AsNoTracking().OrderByDescending(m => m.Id).Take(MaxRows)
            .Join(db.Members, m => m.KeptMemberId, k => k.Id, (m, k) => new { Merge = m, KeptCard = k.CardNumber, KeptName = k.Name })
            .Join(db.Members, x => x.Merge.AbsorbedMemberId, a => a.Id, (x, a) => new { x.Merge, x.KeptCard, x.KeptName, AbsorbedCard = a.CardNumber, AbsorbedName = a.Name })
            .OrderByDescending(x => x.Merge.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => new MergeRow(x.Merge.Id, x.Merge.MergedAt, x.Merge.MergedBy, x.Merge.KeptMemberId, x.KeptCard, x.KeptName, x.Merge.AbsorbedMemberId,
            x.AbsorbedCard, x.AbsorbedName, x.Merge.UnmergedAt, x.Merge.UnmergedBy, x.Merge.MergedAt.AddDays(MergeService.UndoDays)))];
    }
}
