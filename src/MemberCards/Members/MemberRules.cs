using System.Net.Mail;

namespace MemberCards.Members;

/// <summary>The field rules every path that writes a member applies, with messages that say what to change.</summary>
public static class MemberRules
{
    public static IEnumerable<FieldError> Validate(NewMember input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            yield return new FieldError(nameof(NewMember.Name), "Name is required.");
        }
        else if (input.Name.Trim().Length > MemberLimits.NameLength)
        {
            yield return new FieldError(nameof(NewMember.Name), $"Name can be at most {MemberLimits.NameLength} characters.");
        }
        if (!string.IsNullOrWhiteSpace(input.Email) && !IsValidEmail(input.Email.Trim()))
        {
            yield return new FieldError(nameof(NewMember.Email), "Enter an email like name@example.com.");
        }
        if (!string.IsNullOrWhiteSpace(input.Phone) && !PhoneNumber.IsValid(input.Phone))
        {
            yield return new FieldError(nameof(NewMember.Phone),
                $"Enter a phone number of {PhoneNumber.MinDigits} to {PhoneNumber.MaxDigits} digits; spaces, dashes, dots, brackets and a leading + are fine.");
        }
        if (input.Notes?.Trim().Length > MemberLimits.NotesLength)
        {
            yield return new FieldError(nameof(NewMember.Notes), $"Notes can be at most {MemberLimits.NotesLength} characters.");
        }
        if (!Enum.IsDefined(input.Tier))
        {
            yield return new FieldError(nameof(NewMember.Tier), "Choose Bronze, Silver, Gold or Platinum.");
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
