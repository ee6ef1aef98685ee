using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.CardValue;

/// <summary>Another till moved the same card between our read and our write; the caller prices again from the new balances.</summary>
public sealed class CardBalanceChangedException(int memberId)
    : Exception($"The card value of member {memberId} changed while this change was being written.")
{
    public int MemberId { get; } = memberId;
}

/// <summary>
/// One member's stored value and points inside the caller's transaction: every move appends a ledger entry with the
/// balances after it and, for points, changes the lots. <see cref="SaveAsync"/> moves the cached balances on the
/// member with one conditional update (only from the balances read here), so of two tills spending the same yuan
/// one writes and the other gets <see cref="CardBalanceChangedException"/> and prices again — on either database.
/// </summary>
public sealed class CardAccount
{
    // Null for an account held by a bulk load (Held): it reads nothing more and writes through the load.
    private readonly MemberCardsDb? _db;
    private readonly List<LedgerEntry> _entries = [];
    private List<PointsLot>? _openLots;

    // New lots and lot uses, added to the context only after the balances moved, so no save can write them first.
    private readonly List<object> _added = [];

    private CardAccount(MemberCardsDb? db, int memberId, CardBalances read)
    {
        _db = db;
        MemberId = memberId;
        Read = read;
        Now = read;
    }

    public int MemberId { get; }

    /// <summary>The balances as read; the write only happens if they are still these.</summary>
    public CardBalances Read { get; }

    public CardBalances Now { get; private set; }

    public IReadOnlyList<LedgerEntry> Entries => _entries;

    /// <summary>Locks the member and reads the balances, so they stay as read until the caller's transaction ends.</summary>
    public static async Task<CardAccount?> LoadAsync(MemberCardsDb db, int memberId, CancellationToken cancellationToken)
    {
        await LockAsync(db, memberId, cancellationToken);
        var read = await db.Members.Where(m => m.Id == memberId)
            .Select(m => new { m.PrincipalMinor, m.BonusMinor, m.Points })
            .SingleOrDefaultAsync(cancellationToken);
        return read is null ? null : new CardAccount(db, memberId, new CardBalances(read.PrincipalMinor, read.BonusMinor, read.Points));
    }

    /// <summary>
    /// Makes other writers of this member's card wait until the caller's transaction ends (PostgreSQL; SQLite's write
    /// transaction already excludes them), so a quote priced after it is written from the balances it read. The
    /// conditional update in <see cref="SaveAsync"/> stays as the proof.
    /// </summary>
    public static async Task LockAsync(MemberCardsDb db, int memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SqlDialect.Of(db.Database).LockRowAsync(db.Database, "Members", memberId, cancellationToken);
    }

    /// <summary>An account from balances the caller read earlier in its transaction (a quote's): the write checks they still hold.</summary>
    public static CardAccount For(MemberCardsDb db, int memberId, CardBalances read) => new(db, memberId, read);

    /// <summary>
    /// An account a bulk load holds in memory for the whole load (<see cref="Purchases.PostingBatch"/>), from the
    /// balances and open lots it read once: the same moves, handed over by <see cref="TakeWrites"/> for the load to
    /// write, instead of <see cref="SaveAsync"/>.
    /// </summary>
    public static CardAccount Held(int memberId, CardBalances read, List<PointsLot> openLots) => new(null, memberId, read) { _openLots = openLots };

    /// <summary>A receipt's card side, in the posting's order: points redeemed, stored value spent (its split), points earned.</summary>
    public async Task PostReceiptAsync(Purchases.PricedReceipt receipt, EntryDetails details, DateOnly? pointsExpireOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.PointsRedeemed > 0)
        {
            await RedeemAsync(receipt.PointsRedeemed, details, cancellationToken);
        }
        if (receipt.FromCard.TotalMinor > 0)
        {
            MoveStoredValue(LedgerKind.Spend, -receipt.FromCard.PrincipalMinor, -receipt.FromCard.BonusMinor, details);
        }
        if (receipt.PointsEarned > 0)
        {
            await EarnAsync(LedgerKind.Earn, receipt.PointsEarned, pointsExpireOn, details, cancellationToken);
        }
    }

    /// <summary>A top-up's entries: the principal paid, the bonus its rule gave, the rule's points.</summary>
    public async Task TopUpAsync(TopUpQuote quote, EntryDetails details, DateOnly? pointsExpireOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quote);
        MoveStoredValue(LedgerKind.TopUp, quote.AmountMinor, 0, details);
        if (quote.BonusMinor > 0)
        {
            MoveStoredValue(LedgerKind.Bonus, 0, quote.BonusMinor, details);
        }
        if (quote.BonusPoints > 0)
        {
            await EarnAsync(LedgerKind.Earn, quote.BonusPoints, pointsExpireOn, details, cancellationToken);
        }
    }

    /// <summary>Moves stored value (never below zero: the services refuse first, so reaching zero here is a bug).</summary>
    public LedgerEntry MoveStoredValue(LedgerKind kind, long principalDeltaMinor, long bonusDeltaMinor, EntryDetails details)
    {
        var after = Now with { PrincipalMinor = Now.PrincipalMinor + principalDeltaMinor, BonusMinor = Now.BonusMinor + bonusDeltaMinor };
        if (after.PrincipalMinor < 0 || after.BonusMinor < 0)
        {
            throw new InvalidOperationException($"Member {MemberId}: stored value would go below zero; the service must refuse this first.");
        }
        return Append(kind, principalDeltaMinor, bonusDeltaMinor, 0, after, details);
    }

    /// <summary>
    /// Moves all three balances at once without touching lots: a merge or an unmerge moves whole lots from one member
    /// to the other itself, and writes this entry on each side so each ledger still adds up to its card.
    /// </summary>
    public LedgerEntry Transfer(LedgerKind kind, CardBalances delta, EntryDetails details)
    {
        var after = new CardBalances(Now.PrincipalMinor + delta.PrincipalMinor, Now.BonusMinor + delta.BonusMinor, Now.Points + delta.Points);
        if (after.PrincipalMinor < 0 || after.BonusMinor < 0 || (after.Points < 0 && delta.Points < 0))
        {
            throw new InvalidOperationException($"Member {MemberId}: a transfer would leave the card below zero; the service must refuse this first.");
        }
        return Append(kind, delta.PrincipalMinor, delta.BonusMinor, delta.Points, after, details);
    }

    /// <summary>Adds earned points as a new lot; points owed are paid first, so the lot holds only what is left.</summary>
    public async Task<LedgerEntry> EarnAsync(LedgerKind kind, long points, DateOnly? expiresOn, EntryDetails details, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        await OpenLotsAsync(cancellationToken);
        var owed = Math.Max(0, -Now.Points);
        var entry = Append(kind, 0, 0, points, Now with { Points = Now.Points + points }, details);
        var lot = new PointsLot
        {
            MemberId = MemberId,
            EarnedAt = details.At,
            ExpiresOn = expiresOn,
            EarnedPoints = points,
            RemainingPoints = Math.Max(0, points - owed),
        };
        lot.Entry = entry;
        _added.Add(lot);
        _openLots!.Add(lot);
        return entry;
    }

    /// <summary>Spends points from the soonest-expiring lots first (equal dates: oldest first; never-expiring last), remembering which.</summary>
    public async Task<LedgerEntry> RedeemAsync(long points, EntryDetails details, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (points > Now.Points)
        {
            throw new InvalidOperationException($"Member {MemberId}: redeeming more points than held; the quote must refuse this first.");
        }
        var lots = await OpenLotsAsync(cancellationToken);
        var entry = Append(LedgerKind.Redeem, 0, 0, -points, Now with { Points = Now.Points - points }, details);
        foreach (var (lot, taken) in Take(lots, points))
        {
            _added.Add(new PointsLotUse { Entry = entry, Lot = lot, Points = taken });
        }
        return entry;
    }

    /// <summary>
    /// Takes earned points back (a void): from the lot they made first, then from the others in spending order; what
    /// was spent already becomes points owed (a void is never blocked by it).
    /// </summary>
    public async Task<LedgerEntry> TakeBackEarnedAsync(LedgerEntry earned, EntryDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(earned);
        var lots = await OpenLotsAsync(cancellationToken);
        var own = lots.Where(l => l.EntryId == earned.Id).ToList();
        var rest = earned.PointsDelta - Take(own, Math.Min(earned.PointsDelta, own.Sum(l => l.RemainingPoints))).Sum(t => t.Points);
        var inLots = lots.Sum(l => l.RemainingPoints);
        Take(lots, Math.Min(rest, inLots));
        return Append(LedgerKind.VoidReversal, 0, 0, -earned.PointsDelta, Now with { Points = Now.Points - earned.PointsDelta }, details with { Reverses = earned.Id });
    }

    /// <summary>Gives redeemed points back to the lots they came from, except lots already past their last day (<paramref name="today"/> is the store's).</summary>
    public async Task<LedgerEntry?> GiveBackRedeemedAsync(LedgerEntry redeemed, DateOnly today, EntryDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redeemed);
        var open = await OpenLotsAsync(cancellationToken);
        var uses = await _db!.PointsLotUses.Where(u => u.EntryId == redeemed.Id)
            .Join(_db.PointsLots, u => u.LotId, l => l.Id, (u, l) => new { u.Points, Lot = l })
            .ToListAsync(cancellationToken);
        var owed = Math.Max(0, -Now.Points);
        long returned = 0;
        // Tracked: a lot also among the open ones is the same instance, so both see the change.
        foreach (var use in uses.Where(u => u.Lot.ExpiresOn is null || u.Lot.ExpiresOn >= today))
        {
            var paysDebt = Math.Min(owed, use.Points);
            owed -= paysDebt;
            use.Lot.RemainingPoints += use.Points - paysDebt;
            returned += use.Points;
            // A lot emptied before is open again: what the void takes back next (its earned points) may come from it.
            if (use.Lot.RemainingPoints > 0 && !open.Contains(use.Lot))
            {
                open.Add(use.Lot);
            }
        }
        return returned == 0 ? null
            : Append(LedgerKind.VoidReversal, 0, 0, returned, Now with { Points = Now.Points + returned }, details with { Reverses = redeemed.Id });
    }

    /// <summary>Empties every lot whose last day is before <paramref name="today"/> in one entry; null when nothing expired.</summary>
    public async Task<LedgerEntry?> ExpireAsync(DateOnly today, EntryDetails details, CancellationToken cancellationToken)
    {
        var lots = await OpenLotsAsync(cancellationToken);
        long expired = 0;
        foreach (var lot in lots.Where(l => l.ExpiresOn < today && l.RemainingPoints > 0))
        {
            expired += lot.RemainingPoints;
            lot.RemainingPoints = 0;
        }
        return expired == 0 ? null : Append(LedgerKind.Expire, 0, 0, -expired, Now with { Points = Now.Points - expired }, details);
    }

    /// <summary>Removes points without a lot of their own (an adjustment down, closing the card), in spending order.</summary>
    public async Task<LedgerEntry> RemovePointsAsync(LedgerKind kind, long points, EntryDetails details, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (points > Math.Max(0, Now.Points))
        {
            throw new InvalidOperationException($"Member {MemberId}: removing more points than held; the service must refuse this first.");
        }
        Take(await OpenLotsAsync(cancellationToken), points);
        return Append(kind, 0, 0, -points, Now with { Points = Now.Points - points }, details);
    }

    /// <summary>Moves the member's cached balances from those read to those now, then writes the entries and lots.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var db = _db ?? throw new InvalidOperationException("A held account is written by its bulk load (TakeWrites).");
        if (_entries.Count == 0)
        {
            return;
        }
        var (read, now) = (Read, Now);
        var moved = await db.Members
            .Where(m => m.Id == MemberId && m.PrincipalMinor == read.PrincipalMinor && m.BonusMinor == read.BonusMinor && m.Points == read.Points)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.PrincipalMinor, now.PrincipalMinor)
                .SetProperty(m => m.BonusMinor, now.BonusMinor)
                .SetProperty(m => m.Points, now.Points), cancellationToken);
        if (moved == 0)
        {
            throw new CardBalanceChangedException(MemberId);
        }
        // New lots and lot uses refer to their entries by navigation: EF inserts the entries first and fills the ids.
        db.LedgerEntries.AddRange(_entries);
        db.AddRange(_added);
        var last = _entries[^1];
        Webhooks.WebhookOutbox.Add(db, Webhooks.WebhookEventNames.BalanceChanged, last.At, MemberId, new
        {
            now.PrincipalMinor,
            now.BonusMinor,
            now.Points,
            PrincipalDeltaMinor = now.PrincipalMinor - read.PrincipalMinor,
            BonusDeltaMinor = now.BonusMinor - read.BonusMinor,
            PointsDelta = now.Points - read.Points,
            Kinds = _entries.Select(e => e.Kind.ToString()).Distinct().ToList(),
            last.PurchaseId,
            last.TopUpId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Hands a held account's new entries, lots and lot uses to its bulk load, and forgets them; balances and open lots stay.</summary>
    internal CardWrites TakeWrites()
    {
        var writes = new CardWrites([.. _entries], [.. _added.OfType<PointsLot>()], [.. _added.OfType<PointsLotUse>()]);
        _entries.Clear();
        _added.Clear();
        return writes;
    }

    private LedgerEntry Append(LedgerKind kind, long principalDelta, long bonusDelta, long pointsDelta, CardBalances after, EntryDetails details)
    {
        var entry = new LedgerEntry
        {
            MemberId = MemberId,
            At = details.At,
            Kind = kind,
            PrincipalDeltaMinor = principalDelta,
            BonusDeltaMinor = bonusDelta,
            PointsDelta = pointsDelta,
            PrincipalAfterMinor = after.PrincipalMinor,
            BonusAfterMinor = after.BonusMinor,
            PointsAfter = after.Points,
            PurchaseId = details.PurchaseId,
            TopUpId = details.TopUpId,
            ReversesEntryId = details.Reverses,
            By = details.By,
            Reason = details.Reason,
        };
        _entries.Add(entry);
        Now = after;
        return entry;
    }

    private async Task<List<PointsLot>> OpenLotsAsync(CancellationToken cancellationToken) =>
        _openLots ??= await _db!.PointsLots
            .Where(l => l.MemberId == MemberId && l.RemainingPoints > 0)
            .ToListAsync(cancellationToken);

    /// <summary>Takes <paramref name="points"/> from <paramref name="lots"/> in spending order and says how much from each.</summary>
    private static List<(PointsLot Lot, long Points)> Take(IEnumerable<PointsLot> lots, long points)
    {
        var taken = new List<(PointsLot, long)>();
        foreach (var lot in lots.Where(l => l.RemainingPoints > 0)
            .OrderBy(l => l.ExpiresOn is null).ThenBy(l => l.ExpiresOn).ThenBy(l => l.EarnedAt).ThenBy(l => l.Id))
        {
            if (points == 0)
            {
                break;
            }
            var part = Math.Min(points, lot.RemainingPoints);
            lot.RemainingPoints -= part;
            points -= part;
            taken.Add((lot, part));
        }
        return taken;
    }
}

/// <summary>What a held account moved since it was last asked: entries in order, new lots, and which lots redemptions drew from.</summary>
internal sealed record CardWrites(IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<PointsLot> Lots, IReadOnlyList<PointsLotUse> Uses);

/// <summary>What every ledger entry records besides its amounts: when, who, what it belongs to, and why.</summary>
public sealed record EntryDetails(DateTime At, string By, int? PurchaseId = null, int? TopUpId = null, string? Reason = null, long? Reverses = null);
