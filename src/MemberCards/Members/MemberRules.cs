using System.Net.Mail;

namespace MemberCards.Members;

/// <summary>The field rules every path that writes a member applies, with codes that say what to change.</summary>
public static class MemberRules
{
    /// <param name="region">The store's <see cref="MemberCardsOptions.Region"/>: it decides what a phone number is.</param>
    public static IEnumerable<FieldError> Validate(NewMember input, string region)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            yield return new FieldError(nameof(NewMember.Name), MessageCode.MemberNameRequired);
        }
        else if (input.Name.Trim().Length > MemberLimits.NameLength)
        {
            yield return new FieldError(nameof(NewMember.Name), MessageCode.MemberNameTooLong, MemberLimits.NameLength);
        }
        if (!string.IsNullOrWhiteSpace(input.Email) && !IsValidEmail(input.Email.Trim()))
        {
            yield return new FieldError(nameof(NewMember.Email), MessageCode.EmailInvalid);
        }
        if (!string.IsNullOrWhiteSpace(input.Phone) && !PhoneNumber.IsValid(input.Phone, region))
        {
            yield return region == MemberCardsOptions.China
                ? new FieldError(nameof(NewMember.Phone), MessageCode.PhoneNotChineseMobile)
                : new FieldError(nameof(NewMember.Phone), MessageCode.PhoneInvalid, PhoneNumber.MinDigits, PhoneNumber.MaxDigits);
        }
        if (input.Notes?.Trim().Length > MemberLimits.NotesLength)
        {
            yield return new FieldError(nameof(NewMember.Notes), MessageCode.MemberNotesTooLong, MemberLimits.NotesLength);
        }
    }

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    public static bool IsValidEmail(string email) =>
        email.Length <= MemberLimits.EmailLength
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}
