using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace MemberCards.Members;

public sealed record NewMember(
    string Name,
    string? Email,
    string? Phone,
    bool MarketingOptIn = false,
    string? Notes = null,
    DateTime? JoinedAt = null);

public sealed record IssuedCard(int MemberId, string CardNumber);

/// <summary>An edit of a member's details, with the row as the editor loaded it (its version and values).</summary>
public sealed record MemberEdit(
    MemberRow Loaded,
    string Name,
    string? Email,
    string? Phone,
    bool MarketingOptIn,
    string? Notes);

/// <summary>An open membership that already uses a phone number or email being entered.</summary>
public sealed record ContactOwner(string Field, int MemberId, string Name, string CardNumber);

public sealed class MemberService(IDbContextFactory<MemberCardsDb> dbFactory, StoreClock clock, IOptions<MemberCardsOptions> options)
{
    private readonly string _region = options.Value.Region;

    /// <summary>Creates a member and issues their card, or refuses with the fields to fix.</summary>
    public async Task<Result<IssuedCard>> CreateAsync(NewMember input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = Access.Require(user, Roles.EditMembers);
        var errors = MemberRules.Validate(input, _region).ToList();
        if (errors.Count > 0)
        {
            return Result<IssuedCard>.Refused(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Begun before the checks (SQLite: BEGIN IMMEDIATE), so two people adding the same phone at once are checked
        // one after the other; the member and its audit entry commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = ToEntity(input, await FreeCardNumberAsync(db, Random.Shared, cancellationToken), await Tiers.TierEvaluation.EntryTierIdAsync(db, cancellationToken));
        errors.AddRange(await DuplicateContactErrorsAsync(db, member, cancellationToken));
        if (errors.Count > 0)
        {
            return Result<IssuedCard>.Refused(errors);
        }

        db.Members.Add(member);
        if (await SaveOrDuplicateErrorsAsync(db, transaction, member, cancellationToken) is { Count: > 0 } raced)
        {
            return Result<IssuedCard>.Refused(raced);
        }
        AuditLog.Add(db, clock.UtcNow, actor, AuditActions.MemberCreated, nameof(Member), member.Id, new
        {
            member.CardNumber,
            member.Name,
            member.Email,
            member.Phone,
            member.MarketingOptIn,
            member.Notes,
        });
        Webhooks.WebhookOutbox.Add(db, Webhooks.WebhookEventNames.MemberCreated, clock.UtcNow, member.Id, new { member.TierId, member.MarketingOptIn });
        await db.SaveChangesAsync(cancellationToken);
        await Coupons.CouponTriggers.OnJoiningAsync(db, member.Id, clock.UtcNow, clock.Today, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<IssuedCard>.Ok(new IssuedCard(member.Id, member.CardNumber));
    }

    /// <summary>
    /// Saves an inline edit. Refused, with nothing saved, when a field is invalid, when the email or phone belongs to
    /// another open membership, or when someone else saved the member after the editor loaded it (the message says
    /// what they changed).
    /// </summary>
    public async Task<Result<MemberRow>> UpdateAsync(MemberEdit edit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var actor = Access.Require(user, Roles.EditMembers);
        var errors = MemberRules.Validate(new NewMember(edit.Name, edit.Email, edit.Phone, edit.MarketingOptIn, edit.Notes), _region).ToList();
        if (errors.Count > 0)
        {
            return Result<MemberRow>.Refused(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Begun before reading (SQLite: BEGIN IMMEDIATE), so the version compared is the version overwritten.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.Members.Include(m => m.Tier).SingleOrDefaultAsync(m => m.Id == edit.Loaded.Id, cancellationToken);
        if (member is null)
        {
            return Result<MemberRow>.Refused("", MessageCode.MemberNotFound);
        }
        if (member.Version != edit.Loaded.Version)
        {
            return Result<MemberRow>.Refused([await ConflictAsync(db, edit.Loaded, member, cancellationToken)]);
        }
        if (member.AnonymizedAt is not null)
        {
            return Result<MemberRow>.Refused("", MessageCode.MemberAnonymizedReadOnly);
        }

        var before = Snapshot(member);
        member.SetName(edit.Name);
        member.Email = MemberRules.NormalizeEmail(edit.Email);
        member.Phone = string.IsNullOrWhiteSpace(edit.Phone) ? null : PhoneNumber.Normalize(edit.Phone);
        member.Notes = string.IsNullOrWhiteSpace(edit.Notes) ? null : edit.Notes.Trim();
        if (member.MarketingOptIn != edit.MarketingOptIn)
        {
            member.MarketingOptIn = edit.MarketingOptIn;
            member.MarketingOptInAt = edit.MarketingOptIn ? clock.UtcNow : null;
        }
        var changes = AuditLog.Changes(before, Snapshot(member));
        if (changes.Count == 0)
        {
            return Result<MemberRow>.Ok(ToRow(member));
        }
        errors.AddRange(await DuplicateContactErrorsAsync(db, member, cancellationToken));
        if (errors.Count > 0)
        {
            return Result<MemberRow>.Refused(errors);
        }

        member.Version++;
        AuditLog.Add(db, clock.UtcNow, actor, AuditActions.MemberChanged, nameof(Member), member.Id, changes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Where reads don't wait for the first writer (PostgreSQL), both editors can pass the version check above.
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Members.AsNoTracking().SingleAsync(m => m.Id == edit.Loaded.Id, cancellationToken);
            return Result<MemberRow>.Refused([await ConflictAsync(fresh, edit.Loaded, current, cancellationToken)]);
        }
        catch (DbUpdateException)
        {
            return Result<MemberRow>.Refused(await DuplicateContactErrorsAfterRaceAsync(transaction, member, cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<MemberRow>.Ok(ToRow(member));
    }

    /// <summary>
    /// Saves a new member. Where the duplicate check above doesn't hold other writers back (PostgreSQL reads don't
    /// wait), the open-membership unique indexes catch the second of two same-phone saves: that ends in the field
    /// message, as if the check had seen it.
    /// </summary>
    private async Task<IReadOnlyList<FieldError>> SaveOrDuplicateErrorsAsync(MemberCardsDb db, IDbContextTransaction transaction, Member member, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }
        catch (DbUpdateException)
        {
            return await DuplicateContactErrorsAfterRaceAsync(transaction, member, cancellationToken);
        }
    }

    /// <summary>The field messages for a save a unique index refused; any other failure is a bug and is thrown again.</summary>
    private async Task<IReadOnlyList<FieldError>> DuplicateContactErrorsAfterRaceAsync(IDbContextTransaction transaction, Member member, CancellationToken cancellationToken)
    {
        await transaction.RollbackAsync(cancellationToken);
        await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = (await DuplicateContactErrorsAsync(fresh, member, cancellationToken)).ToList();
        return errors.Count > 0 ? errors : throw new InvalidOperationException("Saving the member failed, and not on a duplicate email or phone.");
    }

    /// <summary>Open memberships already using this email or phone (other than <paramref name="exceptMemberId"/>), for a warning while typing.</summary>
    public async Task<IReadOnlyList<ContactOwner>> FindContactOwnersAsync(string? email, string? phone, int? exceptMemberId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Access.Require(user, Roles.EditMembers);
        var normalizedEmail = email is not null && MemberRules.IsValidEmail(email.Trim()) ? MemberRules.NormalizeEmail(email) : null;
        var normalizedPhone = PhoneNumber.IsValid(phone, _region) ? PhoneNumber.Normalize(phone) : null;
        if (normalizedEmail is null && normalizedPhone is null)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owners = await db.Members.AsNoTracking()
            .Where(m => m.Id != exceptMemberId && m.Status != MemberStatus.Closed
                && ((normalizedEmail != null && m.Email == normalizedEmail) || (normalizedPhone != null && m.Phone == normalizedPhone)))
            .Select(m => new { m.Id, m.Name, m.CardNumber, m.Email, m.Phone })
            .ToListAsync(cancellationToken);
        return [.. owners.Select(o => new ContactOwner(o.Email == normalizedEmail && normalizedEmail is not null ? nameof(Member.Email) : nameof(Member.Phone), o.Id, o.Name, o.CardNumber))];
    }

    /// <summary>A member as the grid shows it: translated to SQL by queries, compiled for an entity in hand.</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<Member, MemberRow>> Row = m => new MemberRow(m.Id, m.CardNumber, m.Name,
        m.Phone, m.Email, new Tiers.TierName(m.TierId, m.Tier!.Rank, m.Tier.Name, m.Tier.Preset), m.Status, m.JoinedAt, m.PurchaseCount, m.TotalSpentMinor, m.LastPurchaseAt, m.MarketingOptIn, m.Notes, m.Version, m.AnonymizedAt != null,
        m.PrincipalMinor + m.BonusMinor, m.Points);

    private static readonly Func<Member, MemberRow> CompiledRow = Row.Compile();

    internal static MemberRow ToRow(Member member) => CompiledRow(member);

    private static Dictionary<string, object?> Snapshot(Member m) => new()
    {
        [nameof(Member.Name)] = m.Name,
        [nameof(Member.Email)] = m.Email,
        [nameof(Member.Phone)] = m.Phone,
        [nameof(Member.MarketingOptIn)] = m.MarketingOptIn,
        [nameof(Member.Notes)] = m.Notes,
        [nameof(Member.Status)] = m.Status.ToString(),
        [nameof(Member.CardNumber)] = m.CardNumber,
    };

    private async Task<FieldError> ConflictAsync(MemberCardsDb db, MemberRow loaded, Member current, CancellationToken cancellationToken)
    {
        IReadOnlyList<FieldError> theirs = [.. AuditLog.Changes(Snapshot(ToEntitySnapshot(loaded)), Snapshot(current))
            .Select(c => FieldError.Of(MessageCode.FieldNowWas, new FieldName(c.Key), c.Value[1], c.Value[0]))];
        var latest = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Member) && e.EntityId == current.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.UserName, e.At })
            .FirstOrDefaultAsync(cancellationToken);
        var who = latest is null ? FieldError.Of(MessageCode.SomeoneElse) : FieldError.Of(MessageCode.UserAtTime, latest.UserName, clock.ToLocal(latest.At));
        return new FieldError(nameof(Member.Version), MessageCode.MemberEditedByOther, who,
            theirs.Count > 0 ? theirs : [FieldError.Of(MessageCode.FiguresOnly)]);
    }

    private static Member ToEntitySnapshot(MemberRow row) => new()
    {
        Id = row.Id,
        CardNumber = row.CardNumber,
        Name = row.Name,
        Email = row.Email,
        Phone = row.Phone,
        Status = row.Status,
        MarketingOptIn = row.MarketingOptIn,
        Notes = row.Notes,
    };

    /// <summary>
    /// Loads many members in one transaction (demo data, migrations from another system, the benchmark).
    /// Each row is checked by the same rules as <see cref="CreateAsync"/>; the first invalid row refuses the whole load.
    /// </summary>
    public async Task<Result<int>> ImportAsync(IEnumerable<NewMember> members, Random cardNumbers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var imported = await ImportAsync(db, members, cardNumbers, user, cancellationToken);
        if (imported.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return imported;
    }

    /// <summary>The same, inside the caller's context and transaction (demo data fills everything in one).</summary>
    public async Task<Result<int>> ImportAsync(MemberCardsDb db, IEnumerable<NewMember> members, Random cardNumbers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(members);
        Access.Require(user, Roles.Manager);
        var taken = (await db.Members.Select(m => m.CardNumber).ToListAsync(cancellationToken)).ToHashSet();
        taken.UnionWith(await db.RetiredCards.Select(c => c.CardNumber).ToListAsync(cancellationToken));
        var entryTierId = await Tiers.TierEvaluation.EntryTierIdAsync(db, cancellationToken);
        var entities = new List<Member>();
        foreach (var (input, row) in members.Select((m, i) => (m, i + 1)))
        {
            var error = MemberRules.Validate(input, _region).FirstOrDefault();
            if (error is not null)
            {
                return Result<int>.Refused(error.Field, MessageCode.InRow, row, error);
            }
            string cardNumber;
            do
            {
                cardNumber = CardNumber.Generate(cardNumbers);
            }
            while (!taken.Add(cardNumber));
            entities.Add(ToEntity(input, cardNumber, entryTierId));
        }

        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Members.AddRange(entities);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
        return Result<int>.Ok(entities.Count);
    }

    private Member ToEntity(NewMember input, string cardNumber, int entryTierId)
    {
        var joinedAt = input.JoinedAt ?? clock.UtcNow;
        var member = new Member
        {
            CardNumber = cardNumber,
            CardIssuedAt = joinedAt,
            Name = "",
            Email = MemberRules.NormalizeEmail(input.Email),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : PhoneNumber.Normalize(input.Phone),
            TierId = entryTierId,
            Status = MemberStatus.Active,
            JoinedAt = joinedAt,
            MarketingOptIn = input.MarketingOptIn,
            MarketingOptInAt = input.MarketingOptIn ? joinedAt : null,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        };
        member.SetName(input.Name);
        return member;
    }

    private static async Task<string> FreeCardNumberAsync(MemberCardsDb db, Random random, CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = CardNumber.Generate(random);
            if (!await db.Members.AnyAsync(m => m.CardNumber == candidate, cancellationToken)
                && !await db.RetiredCards.AnyAsync(c => c.CardNumber == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }

    internal static async Task<IEnumerable<FieldError>> DuplicateContactErrorsAsync(MemberCardsDb db, Member member, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var open = db.Members.Where(m => m.Id != member.Id && m.Status != MemberStatus.Closed);
        if (member.Email is not null && await open.AnyAsync(m => m.Email == member.Email, cancellationToken))
        {
            errors.Add(new FieldError(nameof(NewMember.Email), MessageCode.EmailTaken));
        }
        if (member.Phone is not null && await open.AnyAsync(m => m.Phone == member.Phone, cancellationToken))
        {
            errors.Add(new FieldError(nameof(NewMember.Phone), MessageCode.PhoneTaken));
        }
        return errors;
    }
}
