using System.Collections.Frozen;
using System.Text;

namespace MemberCards.Members;

/// <summary>
/// A Chinese name's pinyin as staff type it, without tones or spaces: 张三 → "zhangsan" and its initials "zs". The
/// first character is read as a family name (单 shan, not dan; 曾 zeng, not ceng). The readings come from npm's
/// pinyin-pro, turned at build time into a table embedded in this assembly (pinyin-table/generate-table.mjs); a
/// name with no Chinese character has no pinyin.
/// </summary>
public static class Pinyin
{
    private static readonly Lazy<(FrozenDictionary<char, string> Common, FrozenDictionary<char, string> Surname)> Table = new(Load);

    public static PinyinName Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var (common, surname) = Table.Value;
        var full = new StringBuilder();
        var initials = new StringBuilder();
        var hasChinese = false;
        var inWord = false;
        foreach (var c in name.Trim())
        {
            var reading = full.Length == 0 && surname.TryGetValue(c, out var asSurname) ? asSurname : common.GetValueOrDefault(c);
            if (reading is not null)
            {
                hasChinese = true;
                full.Append(reading);
                initials.Append(reading[0]);
                inWord = false;
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                full.Append(char.ToLowerInvariant(c));
                if (!inWord)
                {
                    initials.Append(char.ToLowerInvariant(c));
                }
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }
        return hasChinese ? new PinyinName(full.ToString(), initials.ToString()) : PinyinName.None;
    }

    /// <summary>
    /// What a search box holds, as the stored pinyin is searched: "Zhang San" → "zhangsan". Null when it isn't
    /// pinyin (anything but ASCII letters, spaces and apostrophes, as in "xi'an").
    /// </summary>
    public static string? SearchKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.All(c => char.IsAsciiLetter(c) || c is ' ' or '\''))
        {
            return null;
        }
        var key = string.Concat(text.Where(char.IsAsciiLetter)).ToLowerInvariant();
        return key.Length == 0 ? null : key;
    }

    private static (FrozenDictionary<char, string>, FrozenDictionary<char, string>) Load()
    {
        using var stream = typeof(Pinyin).Assembly.GetManifestResourceStream("MemberCards.Members.pinyin.txt")
            ?? throw new InvalidOperationException("The pinyin table is not embedded: build the MemberCards project with npm available.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var common = new Dictionary<char, string>();
        var surname = new Dictionary<char, string>();
        var table = common;
        while (reader.ReadLine() is { } line)
        {
            if (line == "[surname]")
            {
                table = surname;
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                var reading = string.Intern(line[..tab]);
                foreach (var c in line.AsSpan(tab + 1))
                {
                    table[c] = reading;
                }
            }
        }
        return (common.ToFrozenDictionary(), surname.ToFrozenDictionary());
    }
}

/// <summary>A name's pinyin (<see cref="Full"/>, e.g. "zhangsan") and its initials ("zs"); both empty for a name with no Chinese character.</summary>
public sealed record PinyinName(string Full, string Initials)
{
    public static readonly PinyinName None = new("", "");
}
