using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Members;

public sealed record NewMember(
    string Name,
    string? Email,
    string? Phone,
    MemberTier Tier = MemberTier.Bronze,
    bool MarketingOptIn = false,
    string? Notes = null,
    DateTime? JoinedAt = null);

public sealed record IssuedCard(int MemberId, string CardNumber);

public sealed class MemberService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock)
{
    /// <summary>Creates a member and issues their card, or refuses with the fields to fix.</summary>
    public async Task<Result<IssuedCard>> CreateAsync(NewMember input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = Access.Require(user, Roles.EditMembers);
        var errors = MemberRules.Validate(input).ToList();
        if (errors.Count > 0)
        {
            return Result<IssuedCard>.Refused(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = ToEntity(input, await FreeCardNumberAsync(db, Random.Shared, cancellationToken));
        errors.AddRange(await DuplicateContactErrorsAsync(db, member, cancellationToken));
        if (errors.Count > 0)
        {
            return Result<IssuedCard>.Refused(errors);
        }

        // The member and its audit entry commit together: the entry needs the new member's id.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Members.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        AuditLog.Add(db, clock.UtcNow, actor, AuditActions.MemberCreated, nameof(Member), member.Id, new
        {
            member.CardNumber,
            member.Name,
            member.Email,
            member.Phone,
            Tier = member.Tier.ToString(),
            member.MarketingOptIn,
            member.Notes,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<IssuedCard>.Ok(new IssuedCard(member.Id, member.CardNumber));
    }

    /// <summary>A page of members: quick search on card number, phone digits, email or name; sorted in SQL.</summary>
    public async Task<MemberListPage> ListAsync(MemberListQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Access.RequireSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = db.Members.AsNoTracking();
        if (CardNumber.IsValid(query.Search))
        {
            // A whole card number (check digit and all) is looked up in the unique index, not scanned for.
            var card = CardNumber.Normalize(query.Search);
            members = members.Where(m => m.CardNumber == card);
        }
        else if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var pattern = "%" + LikePattern.Escape(text) + "%";
            var digits = PhoneNumber.Normalize(text).TrimStart('+');
            var digitPattern = digits.Length >= 3 ? "%" + digits + "%" : null;
            members = members.Where(m =>
                EF.Functions.Like(m.Name, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(m.Email!, pattern, LikePattern.EscapeCharacter)
                || (digitPattern != null && (EF.Functions.Like(m.Phone!, digitPattern) || EF.Functions.Like(m.CardNumber, digitPattern))));
        }
        var total = await members.CountAsync(cancellationToken);
        var rows = await Sort(members, query.SortBy, query.Descending)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(m => new MemberRow(m.Id, m.CardNumber, m.Name, m.Phone, m.Email, m.Tier, m.Status, m.JoinedAt, m.PurchaseCount, m.TotalSpentMinor, m.LastPurchaseAt))
            .ToListAsync(cancellationToken);
        return new MemberListPage(rows, total);
    }

    private static IQueryable<Member> Sort(IQueryable<Member> members, string? sortBy, bool descending) => sortBy switch
    {
        nameof(MemberRow.CardNumber) => descending ? members.OrderByDescending(m => m.CardNumber) : members.OrderBy(m => m.CardNumber),
        nameof(MemberRow.Tier) => descending ? members.OrderByDescending(m => m.Tier).ThenBy(m => m.Id) : members.OrderBy(m => m.Tier).ThenBy(m => m.Id),
        nameof(MemberRow.Status) => descending ? members.OrderByDescending(m => m.Status).ThenBy(m => m.Id) : members.OrderBy(m => m.Status).ThenBy(m => m.Id),
        nameof(MemberRow.JoinedAt) => descending ? members.OrderByDescending(m => m.JoinedAt).ThenBy(m => m.Id) : members.OrderBy(m => m.JoinedAt).ThenBy(m => m.Id),
        nameof(MemberRow.PurchaseCount) => descending ? members.OrderByDescending(m => m.PurchaseCount).ThenBy(m => m.Id) : members.OrderBy(m => m.PurchaseCount).ThenBy(m => m.Id),
        nameof(MemberRow.TotalSpentMinor) => descending ? members.OrderByDescending(m => m.TotalSpentMinor).ThenBy(m => m.Id) : members.OrderBy(m => m.TotalSpentMinor).ThenBy(m => m.Id),
        nameof(MemberRow.LastPurchaseAt) => descending ? members.OrderByDescending(m => m.LastPurchaseAt).ThenBy(m => m.Id) : members.OrderBy(m => m.LastPurchaseAt).ThenBy(m => m.Id),
        nameof(MemberRow.Name) => descending ? members.OrderByDescending(m => m.Name).ThenBy(m => m.Id) : members.OrderBy(m => m.Name).ThenBy(m => m.Id),
        _ => members.OrderBy(m => m.Id),
    };

    /// <summary>
    /// Loads many members in one transaction (demo data, migrations from another system, the benchmark).
    /// Each row is checked by the same rules as <see cref="CreateAsync"/>; the first invalid row refuses the whole load.
    /// </summary>
    public async Task<Result<int>> ImportAsync(IEnumerable<NewMember> members, Random cardNumbers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = (await db.Members.Select(m => m.CardNumber).ToListAsync(cancellationToken)).ToHashSet();
        var entities = new List<Member>();
        foreach (var (input, row) in members.Select((m, i) => (m, i + 1)))
        {
            var error = MemberRules.Validate(input).FirstOrDefault();
            if (error is not null)
            {
                return Result<int>.Refused(error.Field, $"Row {row}: {error.Message}");
            }
            string cardNumber;
            do
            {
                cardNumber = CardNumber.Generate(cardNumbers);
            }
            while (!taken.Add(cardNumber));
            entities.Add(ToEntity(input, cardNumber));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Members.AddRange(entities);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(entities.Count);
    }

    private Member ToEntity(NewMember input, string cardNumber)
    {
        var joinedAt = input.JoinedAt ?? clock.UtcNow;
        return new Member
        {
            CardNumber = cardNumber,
            CardIssuedAt = joinedAt,
            Name = input.Name.Trim(),
            SearchName = SearchText.Fold(input.Name),
            Email = MemberRules.NormalizeEmail(input.Email),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : PhoneNumber.Normalize(input.Phone),
            Tier = input.Tier,
            Status = MemberStatus.Active,
            JoinedAt = joinedAt,
            MarketingOptIn = input.MarketingOptIn,
            MarketingOptInAt = input.MarketingOptIn ? joinedAt : null,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        };
    }

    private static async Task<string> FreeCardNumberAsync(MemberCardsDb db, Random random, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = CardNumber.Generate(random);
            if (!await db.Members.AnyAsync(m => m.CardNumber == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }

    private static async Task<IEnumerable<FieldError>> DuplicateContactErrorsAsync(MemberCardsDb db, Member member, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var open = db.Members.Where(m => m.Id != member.Id && m.Status != MemberStatus.Closed);
        if (member.Email is not null && await open.AnyAsync(m => m.Email == member.Email, cancellationToken))
        {
            errors.Add(new FieldError(nameof(NewMember.Email), "Another open membership already uses this email."));
        }
        if (member.Phone is not null && await open.AnyAsync(m => m.Phone == member.Phone, cancellationToken))
        {
            errors.Add(new FieldError(nameof(NewMember.Phone), "Another open membership already uses this phone number."));
        }
        return errors;
    }
}
