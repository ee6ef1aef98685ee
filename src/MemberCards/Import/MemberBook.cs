using MemberCards.CardValue;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Import;

internal sealed record KnownMember(int Id, string Name, string? Phone, string? Email, string? Notes, bool MarketingOptIn, int TierId, MemberStatus Status);

/// <summary>
/// The members an import matches rows against, read once: by card number (current or retired, so an old card
/// finds its member), by phone and email among open memberships, and the opening balances already imported.
/// </summary>
internal sealed class MemberBook
{
    public required Dictionary<int, KnownMember> ById { get; init; }
    public required Dictionary<string, int> ByCard { get; init; }
    public required Dictionary<string, int> ByPhone { get; init; }
    public required Dictionary<string, int> ByEmail { get; init; }
    public required Dictionary<int, CardBalances> Openings { get; init; }

    /// <summary>Every tier by each of its names, folded to lower case.</summary>
    public required Dictionary<string, int> TiersByName { get; init; }

    public static async Task<MemberBook> ReadAsync(MemberCardsDb db, ImportOptions options, CancellationToken cancellationToken)
    {
        var members = await db.Members.AsNoTracking()
            .Select(m => new { Known = new KnownMember(m.Id, m.Name, m.Phone, m.Email, m.Notes, m.MarketingOptIn, m.TierId, m.Status), m.CardNumber })
            .ToListAsync(cancellationToken);
        var retired = await db.RetiredCards.AsNoTracking().Select(c => new { c.CardNumber, c.MemberId }).ToListAsync(cancellationToken);
        var openings = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerKind.OpeningBalance)
            .GroupBy(e => e.MemberId)
            .Select(g => new { MemberId = g.Key, Principal = g.Sum(e => e.PrincipalDeltaMinor), Bonus = g.Sum(e => e.BonusDeltaMinor), Points = g.Sum(e => e.PointsDelta) })
            .ToListAsync(cancellationToken);
        var tiers = await db.Tiers.AsNoTracking().Where(t => t.DeletedAt == null).OrderBy(t => t.Rank).ToListAsync(cancellationToken);
        var open = members.Where(m => m.Known.Status != MemberStatus.Closed).ToList();
        var byName = new Dictionary<string, int>();
        foreach (var tier in tiers)
        {
            IEnumerable<string?> names = [tier.Name, tier.Preset?.ToString(), .. options.TierNames?.Invoke(tier.Label) ?? []];
            foreach (var name in names.OfType<string>())
            {
                byName.TryAdd(name.Trim().ToLowerInvariant(), tier.Id);
            }
        }
        var byCard = members.ToDictionary(m => m.CardNumber, m => m.Known.Id);
        foreach (var card in retired)
        {
            byCard.TryAdd(card.CardNumber, card.MemberId);
        }
        return new MemberBook
        {
            ById = members.ToDictionary(m => m.Known.Id, m => m.Known),
            ByCard = byCard,
            ByPhone = open.Where(m => m.Known.Phone is not null).GroupBy(m => m.Known.Phone!).ToDictionary(g => g.Key, g => g.First().Known.Id),
            ByEmail = open.Where(m => m.Known.Email is not null).GroupBy(m => m.Known.Email!).ToDictionary(g => g.Key, g => g.First().Known.Id),
            Openings = openings.ToDictionary(o => o.MemberId, o => new CardBalances(o.Principal, o.Bonus, o.Points)),
            TiersByName = byName,
        };
    }
}
