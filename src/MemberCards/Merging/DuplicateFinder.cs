using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Merging;

/// <summary>Two open memberships that look like one customer, and the strongest reason.</summary>
public sealed record DuplicatePair(MemberRow First, MemberRow Second, DuplicateReason Reason);

/// <summary>
/// Likely duplicate members among the open memberships (managers): the same phone after normalising (a country code
/// apart), the same email in any case, or the same name with a similar phone (<see cref="DuplicateRules"/>). Pairs a
/// manager already merged and undid are left out: someone decided they are two people. The matching reads the open
/// members' contact columns once and pairs them through dictionaries (a suffix match and a one-digit difference have
/// no index in SQL); the members shown are then read by id.
/// </summary>
public sealed class DuplicateFinder(IDbContextFactory<MemberCardsDb> dbFactory)
{
    public const int MaxPairs = 200;

    private sealed record Contact(int Id, string? Phone, string? Email, string SearchName);

    public async Task<IReadOnlyList<DuplicatePair>> FindAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contacts = await db.Members.AsNoTracking().Where(m => m.Status != MemberStatus.Closed)
            .Select(m => new Contact(m.Id, m.Phone, m.Email, m.SearchName)).ToListAsync(cancellationToken);
        var undone = (await db.MemberMerges.AsNoTracking().Where(m => m.UnmergedAt != null).Select(m => new { m.KeptMemberId, m.AbsorbedMemberId }).ToListAsync(cancellationToken))
            .Select(m => Pair(m.KeptMemberId, m.AbsorbedMemberId)).ToHashSet();
        var found = new Dictionary<(int, int), DuplicateReason>();
        void Add(int a, int b, DuplicateReason reason)
        {
            var pair = Pair(a, b);
            if (a != b && !undone.Contains(pair) && (!found.TryGetValue(pair, out var known) || reason < known))
            {
                found[pair] = reason;
            }
        }
        SamePhones(contacts, Add);
        foreach (var group in contacts.Where(c => !string.IsNullOrWhiteSpace(c.Email)).GroupBy(c => c.Email!.Trim().ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            EachPair(group.ToList(), (a, b) => Add(a.Id, b.Id, DuplicateReason.SameEmail));
        }
        foreach (var group in contacts.Where(c => c.Phone is not null && c.SearchName.Length > 0).GroupBy(c => c.SearchName).Where(g => g.Count() > 1))
        {
            EachPair(group.ToList(), (a, b) =>
            {
                if (DuplicateRules.Similar(a.Phone!, b.Phone!))
                {
                    Add(a.Id, b.Id, DuplicateReason.SameNameSimilarPhone);
                }
            });
        }
        var pairs = found.OrderBy(p => p.Value).ThenBy(p => p.Key).Take(MaxPairs).ToList();
        var ids = pairs.SelectMany(p => new[] { p.Key.Item1, p.Key.Item2 }).Distinct().ToList();
        var rows = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(MemberService.Row).ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. pairs.Select(p => new DuplicatePair(rows[p.Key.Item1], rows[p.Key.Item2], p.Value))];
    }

    /// <summary>Each number is looked up under its national forms, so "+8613812345678" meets "13812345678".</summary>
    private static void SamePhones(List<Contact> contacts, Action<int, int, DuplicateReason> add)
    {
        var withPhone = contacts.Where(c => !string.IsNullOrEmpty(c.Phone)).ToList();
        var byDigits = withPhone.GroupBy(c => DuplicateRules.Digits(c.Phone!)).ToDictionary(g => g.Key, g => g.Select(c => c.Id).ToList());
        foreach (var contact in withPhone)
        {
            foreach (var form in DuplicateRules.NationalForms(DuplicateRules.Digits(contact.Phone!)))
            {
                foreach (var other in byDigits.GetValueOrDefault(form) ?? [])
                {
                    add(contact.Id, other, DuplicateReason.SamePhone);
                }
            }
        }
    }

    private static void EachPair(List<Contact> group, Action<Contact, Contact> act)
    {
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = i + 1; j < group.Count; j++)
            {
                act(group[i], group[j]);
            }
        }
    }

    private static (int, int) Pair(int a, int b) => a < b ? (a, b) : (b, a);
}
