using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

/// <summary>The member a purchase is recorded for, as the entry dialog shows them.</summary>
/// <param name="Phone">The stored phone number, shown beside the matches so two members of one name can be told apart.</param>
public sealed record PurchaseMember(int Id, string Name, string CardNumber, MemberStatus Status = MemberStatus.Active, string? Phone = null);

/// <summary>Finds the member at the till: by a scanned or typed card number (old cards too), phone digits, name or its pinyin.</summary>
public sealed class MemberLookup(IDbContextFactory<MemberCardsDb> dbFactory)
{
    public const int MaxResults = 8;

    public async Task<IReadOnlyList<PurchaseMember>> FindAsync(string? text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.RecordPurchases);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = db.Members.AsNoTracking();
        if (CardNumber.IsValid(text))
        {
            // Exact, through the unique indexes: the current card, or a retired one that still finds its member.
            var memberId = await MemberIdForCardAsync(db, CardNumber.Normalize(text), cancellationToken);
            members = members.Where(m => m.Id == memberId);
        }
        // An old system's card number an import kept (not one of ours, so not valid here) still finds its member.
        else if (await db.RetiredCards.Where(c => c.CardNumber == CardNumber.Normalize(text)).Select(c => (int?)c.MemberId).FirstOrDefaultAsync(cancellationToken) is { } oldCardHolder)
        {
            members = members.Where(m => m.Id == oldCardHolder);
        }
        else if (PhoneNumber.Normalize(text).TrimStart('+') is { Length: >= 4 } digits && text.All(c => !char.IsLetter(c)))
        {
            members = members.Where(m => EF.Functions.Like(m.Phone!, "%" + digits + "%"));
        }
        else if (text.Trim().Length >= 2)
        {
            members = members.Where(NameMatch.For(text));
        }
        else
        {
            return [];
        }
        return await members.OrderBy(m => m.Status).ThenBy(m => m.Name).ThenBy(m => m.Id).Take(MaxResults)
            .Select(m => new PurchaseMember(m.Id, m.Name, m.CardNumber, m.Status, m.Phone))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The member holding a whole card number now, or who held it before a reissue, or the member a merge moved it to
    /// (the merged member keeps its number, so only a member not merged away is found by it directly).
    /// </summary>
    internal static async Task<int?> MemberIdForCardAsync(MemberCardsDb db, string card, CancellationToken cancellationToken) =>
        await db.Members.Where(m => m.CardNumber == card && m.MergedIntoId == null).Select(m => (int?)m.Id).SingleOrDefaultAsync(cancellationToken)
        ?? await db.RetiredCards.Where(c => c.CardNumber == card).Select(c => (int?)c.MemberId).SingleOrDefaultAsync(cancellationToken);
}
