using System.Security.Cryptography;
using MemberCards.Auditing;
using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Import;

/// <summary>
/// Writes a planned members import inside the caller's transaction: new members and the changed fields of matched ones, the old card numbers kept as retired cards, and each opening balance as
/// one ledger entry of kind <see cref="LedgerKind.OpeningBalance"/> with its points lot. New members, entries and lots
/// go in bulk (<see cref="BulkRows"/>, ids handed out first), a new member holding its opening balance already; a
/// matched member's cached balances move with its entry. One audit entry for the import.
/// </summary>
internal sealed class MemberImportWriter(MemberCardsDb db, StoreClock clock, string by, IProgress<ImportProgress>? progress, int rows)
{
    private const int UpdateChunk = 500;
    private readonly DateTime _now = clock.UtcNow;
    private int _firstId;
    private int _lastId;
    private int _openings;

    public async Task WriteAsync(List<PlannedMember> plan, CancellationToken cancellationToken)
    {
        var taken = (await db.Members.Select(m => m.CardNumber).ToListAsync(cancellationToken)).ToHashSet();
        taken.UnionWith(await db.RetiredCards.Select(c => c.CardNumber).ToListAsync(cancellationToken));
        var entryTier = await Tiers.TierEvaluation.EntryTierIdAsync(db, cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);
        var members = new Dictionary<PlannedMember, Member>();
        foreach (var row in plan.Where(p => p.Action == PlannedAction.Create))
        {
            var card = row.Draft.CardNumber is { } kept && taken.Add(kept) ? kept : NewCard(taken);
            members[row] = NewMember(row.Draft, card, row.Draft.TierId ?? entryTier, tiers);
        }
        var created = members.Values.ToHashSet();
        await InsertAsync([.. members.Values], cancellationToken);
        progress?.Report(new ImportProgress(rows + rows / 2, rows * 2));
        foreach (var chunk in plan.Where(p => p.Action == PlannedAction.Update).Chunk(UpdateChunk))
        {
            var ids = chunk.Select(p => p.MemberId!.Value).ToList();
            var stored = await db.Members.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
            foreach (var row in chunk)
            {
                members[row] = Apply(stored[row.MemberId!.Value], row, tiers);
            }
        }
        foreach (var (row, member) in members.Where(m => m.Key.Draft.OldCardNumber is { } old && !taken.Contains(old)))
        {
            db.RetiredCards.Add(new RetiredCard { MemberId = member.Id, CardNumber = row.Draft.OldCardNumber!, IssuedAt = member.JoinedAt, RetiredAt = _now, Reason = CardRetirement.Imported });
            taken.Add(row.Draft.OldCardNumber!);
        }
        await db.SaveChangesAsync(cancellationToken);
        await WriteOpeningsAsync([.. members.Where(m => m.Key.WritesOpening).Select(m => (m.Key.Draft, m.Value, created.Contains(m.Value)))], cancellationToken);
        // A hundred thousand tracked members would make every later save scan them all.
        db.ChangeTracker.Clear();
        progress?.Report(new ImportProgress(rows * 2, rows * 2));
    }

    private static readonly IReadOnlyList<string> MemberColumns =
    [
        "Id", "CardNumber", "Name", "SearchName", "SearchPinyin", "SearchInitials", "CardIssuedAt", "Email", "Phone", "TierId", "TierKeptUntil", "Status",
        "JoinedAt", "MarketingOptIn", "MarketingOptInAt", "Notes", "Version", "PurchaseCount", "TotalSpentMinor", "PrincipalMinor", "BonusMinor", "Points",
    ];

    // EF Core saves about a thousand new members a second here; the bulk rows take a hundred thousand in a few.
    private async Task InsertAsync(List<Member> created, CancellationToken cancellationToken)
    {
        if (created.Count == 0)
        {
            return;
        }
        var ids = await CouponSql.TakeIdsAsync(db, "Members", created.Count, cancellationToken);
        var dialect = SqlDialect.Of(db.Database);
        using (var rows = dialect.BulkRows(db.Database.GetDbConnection(), PurchasePosting.RequireTransaction(db), "Members", MemberColumns))
        {
            for (var i = 0; i < created.Count; i++)
            {
                var m = created[i];
                m.Id = (int)ids[i];
                rows.Add(m.Id, m.CardNumber, m.Name, m.SearchName, m.SearchPinyin, m.SearchInitials, UnixMilliseconds.From(m.CardIssuedAt), m.Email, m.Phone, m.TierId,
                    m.TierKeptUntil, (int)m.Status, UnixMilliseconds.From(m.JoinedAt), m.MarketingOptIn, m.MarketingOptInAt is { } at ? UnixMilliseconds.From(at) : null,
                    m.Notes, m.Version, m.PurchaseCount, m.TotalSpentMinor, m.PrincipalMinor, m.BonusMinor, m.Points);
            }
            rows.Flush();
        }
        if (dialect.ContinueIdsAfterExplicitInserts("Members") is { } continueIds)
        {
            await db.Database.ExecuteSqlRawAsync(continueIds, cancellationToken);
        }
        (_firstId, _lastId) = ((int)ids[0], (int)ids[^1]);
    }

    public async Task AuditAsync(string fileName, ImportReport report, CancellationToken cancellationToken)
    {
        AuditLog.Add(db, _now, by, AuditActions.MembersImported, nameof(Member), null, new
        {
            File = fileName,
            report.Created,
            report.Updated,
            report.Unchanged,
            report.Refused,
            OpeningBalances = _openings,
            FirstId = _firstId,
            LastId = _lastId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WriteOpeningsAsync(List<(MemberDraft Draft, Member Member, bool Created)> openings, CancellationToken cancellationToken)
    {
        if (openings.Count == 0)
        {
            return;
        }
        _openings = openings.Count;
        var entryIds = await CouponSql.TakeIdsAsync(db, "LedgerEntries", openings.Count, cancellationToken);
        var withPoints = openings.Count(o => o.Draft.Points > 0);
        var lotIds = withPoints == 0 ? [] : await CouponSql.TakeIdsAsync(db, "PointsLots", withPoints, cancellationToken);
        var rule = await db.PointsRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var dialect = SqlDialect.Of(db.Database);
        var (connection, transaction) = (db.Database.GetDbConnection(), PurchasePosting.RequireTransaction(db));
        using var move = RowWriter.Create(connection, transaction, PostingSql.MoveCardBalances, 7);
        using (var entries = dialect.BulkRows(connection, transaction, "LedgerEntries", PostingSql.LedgerColumns))
        {
            for (var i = 0; i < openings.Count; i++)
            {
                var (draft, member, created) = openings[i];
                // A new member was inserted holding its opening balance already; a matched one's cache moves now.
                var read = created ? default : new CardBalances(member.PrincipalMinor, member.BonusMinor, member.Points);
                var after = new CardBalances(read.PrincipalMinor + draft.PrincipalMinor, read.BonusMinor + draft.BonusMinor, read.Points + draft.Points);
                entries.Add(entryIds[i], member.Id, UnixMilliseconds.From(_now), nameof(LedgerKind.OpeningBalance), draft.PrincipalMinor, draft.BonusMinor, draft.Points,
                    after.PrincipalMinor, after.BonusMinor, after.Points, null, null, null, by, null);
                if (!created)
                {
                    Move(move, member.Id, read, after);
                }
            }
            entries.Flush();
        }
        using var lots = dialect.BulkRows(connection, transaction, "PointsLots", PostingSql.LotColumns);
        var lot = 0;
        for (var i = 0; i < openings.Count; i++)
        {
            if (openings[i].Draft.Points > 0)
            {
                var expires = openings[i].Draft.PointsExpireOn ?? rule?.ExpiresOn(clock.Today);
                lots.Add(lotIds[lot++], openings[i].Member.Id, entryIds[i], UnixMilliseconds.From(_now), expires, openings[i].Draft.Points, openings[i].Draft.Points);
            }
        }
        lots.Flush();
        foreach (var table in new[] { "LedgerEntries", "PointsLots" })
        {
            if (dialect.ContinueIdsAfterExplicitInserts(table) is { } continueIds)
            {
                await db.Database.ExecuteSqlRawAsync(continueIds, cancellationToken);
            }
        }
    }

    // The cached balances move only from those read, as every card move does (PostingSql.MoveCardBalances).
    private static void Move(RowWriter move, int memberId, CardBalances read, CardBalances after)
    {
        move.Bind(1, after.PrincipalMinor);
        move.Bind(2, after.BonusMinor);
        move.Bind(3, after.Points);
        move.Bind(4, memberId);
        move.Bind(5, read.PrincipalMinor);
        move.Bind(6, read.BonusMinor);
        move.Bind(7, read.Points);
        if (move.Write() != 1)
        {
            throw new InvalidOperationException($"Member {memberId}'s card moved during the import.");
        }
    }

    private Member NewMember(MemberDraft draft, string card, int tierId, Dictionary<int, Tiers.Tier> tiers)
    {
        var joinedAt = draft.JoinedAt ?? _now;
        var member = new Member
        {
            CardNumber = card,
            CardIssuedAt = draft.OldCardNumber is null ? joinedAt : _now,
            Name = "",
            Email = draft.Email,
            Phone = draft.Phone,
            TierId = tierId,
            TierKeptUntil = Tiers.TierLadder.KeptUntil(tiers[tierId], clock.Today),
            Status = MemberStatus.Active,
            JoinedAt = joinedAt,
            MarketingOptIn = draft.MarketingOptIn ?? false,
            MarketingOptInAt = draft.MarketingOptIn == true ? draft.MarketingOptInAt ?? joinedAt : null,
            Notes = draft.Notes,
            PrincipalMinor = draft.PrincipalMinor,
            BonusMinor = draft.BonusMinor,
            Points = draft.Points,
        };
        member.SetName(draft.Name!);
        return member;
    }

    private Member Apply(Member member, PlannedMember row, Dictionary<int, Tiers.Tier> tiers)
    {
        var draft = row.Draft;
        if (draft.Name is not null)
        {
            member.SetName(draft.Name);
        }
        member.Phone = draft.Phone ?? member.Phone;
        member.Email = draft.Email ?? member.Email;
        member.Notes = draft.Notes ?? member.Notes;
        if (draft.MarketingOptIn is { } optIn && optIn != member.MarketingOptIn)
        {
            member.MarketingOptIn = optIn;
            member.MarketingOptInAt = optIn ? draft.MarketingOptInAt ?? _now : null;
        }
        if (draft.TierId is { } tierId && tierId != member.TierId)
        {
            member.TierId = tierId;
            member.TierKeptUntil = Tiers.TierLadder.KeptUntil(tiers[tierId], clock.Today);
        }
        member.Version++;
        return member;
    }

    private static string NewCard(HashSet<string> taken)
    {
        string card;
        do
        {
            card = CardNumber.Generate(Random.Shared);
        }
        while (!taken.Add(card));
        return card;
    }
}
