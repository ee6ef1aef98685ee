using System.Security.Cryptography;
using System.Text;

namespace MemberCards.ApiKeys;

/// <summary>
/// The text of an API key: "mck_" and 32 random bytes in base64url. Its first <see cref="PrefixLength"/> characters
/// find the row; the whole key is compared by its SHA-256. A fast hash is enough here (unlike passwords): 256 random
/// bits cannot be guessed, so there is nothing for a slow hash to slow down.
/// </summary>
public static class ApiKeySecret
{
    public const string Start = "mck_";
    public const int PrefixLength = 12;
    private const int RandomBytes = 32;

    public static string Generate() => Start + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    public static byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The prefix of a key as presented, or null when it can't be one of ours (wrong start or length).</summary>
    public static string? PrefixOf(string? presented) =>
        presented is { Length: > PrefixLength + 16 and < 200 } && presented.StartsWith(Start, StringComparison.Ordinal) ? presented[..PrefixLength] : null;

    public static bool Matches(string presented, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
