using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.CardValue;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

public sealed record ChangedLine(int ProductId, string ProductName, string Category, int Quantity, long UnitPriceMinor, long NetMinor);

/// <summary>A purchase as it is now, for a store's own reporting: recorded since the cursor, or voided since it.</summary>
public sealed record ChangedPurchase(int Id, int MemberId, DateTime PurchasedAt, string RecordedBy, long TotalMinor, long PointsRedeemed, long PointsEarned,
    DateTime? VoidedAt, string? VoidedBy, string? VoidReason, IReadOnlyList<ChangedLine> Lines);

/// <summary>One ledger entry of any member's card, in the order they were written.</summary>
public sealed record ChangedLedgerEntry(long Id, int MemberId, DateTime At, LedgerKind Kind, long PrincipalDeltaMinor, long BonusDeltaMinor, long PointsDelta,
    CardBalances After, int? PurchaseId, int? TopUpId, long? ReversesEntryId, string By, string? Reason);

/// <summary>A page of changes and the cursor to ask for the next one with (the same cursor again when nothing changed).</summary>
public sealed record ChangePage<T>(IReadOnlyList<T> Items, string Cursor);

/// <summary>
/// Purchases and ledger entries changed since a cursor. Ledger entries are never changed, so their cursor is the last
/// id read. A purchase changes twice at most — recorded, voided — so its cursor holds the last purchase id read and the
/// last void read (its time and id); a purchase recorded and voided since the cursor comes once in each stream, as it is
/// now (receivers keep the latest by id). Ids and void times are taken inside the writing transaction: on SQLite, whose
/// writes take turns, they grow in commit order; on PostgreSQL a transaction still open may commit an earlier one later.
/// </summary>
public sealed class PurchaseChanges(IDbContextFactory<MemberCardsDb> dbFactory)
{
    public const int MaxPage = 500;

    public async Task<Result<ChangePage<ChangedPurchase>>> PurchasesAsync(string? cursor, int limit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        if (PurchaseCursor.Parse(cursor) is not { } from)
        {
            return Result<ChangePage<ChangedPurchase>>.Refused("cursor", MessageCode.ApiCursorInvalid);
        }
        var take = Math.Clamp(limit, 1, MaxPage);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recorded = await Project(db.Purchases.AsNoTracking().Where(p => p.Id > from.LastId).OrderBy(p => p.Id).Take(take)).ToListAsync(cancellationToken);
        var voidedAt = DateTime.UnixEpoch.AddMilliseconds(from.VoidMs);
        var voided = recorded.Count == take ? [] : await Project(db.Purchases.AsNoTracking()
                .Where(p => p.VoidedAt != null && (p.VoidedAt > voidedAt || (p.VoidedAt == voidedAt && p.Id > from.VoidId)))
                .OrderBy(p => p.VoidedAt).ThenBy(p => p.Id).Take(take - recorded.Count))
            .ToListAsync(cancellationToken);
        var lastVoid = voided.LastOrDefault();
        var next = new PurchaseCursor(recorded.LastOrDefault()?.Id ?? from.LastId,
            lastVoid is null ? from.VoidMs : (long)(lastVoid.VoidedAt!.Value - DateTime.UnixEpoch).TotalMilliseconds, lastVoid?.Id ?? from.VoidId);
        return Result<ChangePage<ChangedPurchase>>.Ok(new ChangePage<ChangedPurchase>([.. recorded, .. voided], next.ToString()));
    }

    public async Task<Result<ChangePage<ChangedLedgerEntry>>> LedgerAsync(string? cursor, int limit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.RequireSignedIn(user);
        long after = 0;
        if (!string.IsNullOrEmpty(cursor) && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Result<ChangePage<ChangedLedgerEntry>>.Refused("cursor", MessageCode.ApiCursorInvalid);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(Math.Clamp(limit, 1, MaxPage))
            .Select(e => new ChangedLedgerEntry(e.Id, e.MemberId, e.At, e.Kind, e.PrincipalDeltaMinor, e.BonusDeltaMinor, e.PointsDelta,
                new CardBalances(e.PrincipalAfterMinor, e.BonusAfterMinor, e.PointsAfter), e.PurchaseId, e.TopUpId, e.ReversesEntryId, e.By, e.Reason))
            .ToListAsync(cancellationToken);
        var next = entries.Count == 0 ? after : entries[^1].Id;
        return Result<ChangePage<ChangedLedgerEntry>>.Ok(new ChangePage<ChangedLedgerEntry>(entries, next.ToString(CultureInfo.InvariantCulture)));
    }

    private static IQueryable<ChangedPurchase> Project(IQueryable<Purchase> purchases) => purchases.Select(p => new ChangedPurchase(
        p.Id, p.MemberId, p.PurchasedAt, p.RecordedBy, p.TotalMinor, p.PointsRedeemed, p.PointsEarned, p.VoidedAt, p.VoidedBy, p.VoidReason,
        p.Lines.OrderBy(l => l.Id).Select(l => new ChangedLine(l.ProductId, l.ProductName, l.Category, l.Quantity, l.UnitPriceMinor, l.NetMinor)).ToList()));

    /// <summary>"lastId.voidMs.voidId": the three positions of the two streams; empty means from the start.</summary>
    private sealed record PurchaseCursor(int LastId, long VoidMs, int VoidId)
    {
        public static PurchaseCursor? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return new PurchaseCursor(0, 0, 0);
            }
            var parts = text.Split('.');
            return parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var lastId)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var voidMs)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var voidId)
                ? new PurchaseCursor(lastId, voidMs, voidId) : null;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{LastId}.{VoidMs}.{VoidId}");
    }
}
