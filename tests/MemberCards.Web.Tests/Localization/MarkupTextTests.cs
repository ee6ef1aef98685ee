using System.Text.RegularExpressions;

namespace MemberCards.Web.Tests.Localization;

/// <summary>
/// A test over the markup (not an analyzer): no .razor file shows literal English. Text between tags, the attributes
/// people read (labels, titles, placeholders, aria-labels) and sentences in string literals must come from the
/// localizer; only a short allow-list of names that stay as they are passes.
/// </summary>
public sealed partial class MarkupTextTests
{
    // The brand, acronyms, and symbols that read the same in every language.
    private static readonly HashSet<string> Allowed = ["Member Cards", "RFM", "English", "中文", "–", "🗙", "Alt+N"];

    public static TheoryData<string> RazorFiles => new(Directory
        .EnumerateFiles(Path.Combine(SourceRoot(), "src", "MemberCards.Web", "Components"), "*.razor", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(SourceRoot(), f)));

    [Theory]
    [MemberData(nameof(RazorFiles))]
    public void No_razor_file_shows_literal_text_outside_the_localizer(string file)
    {
        var markup = Directive().Replace(Comment().Replace(File.ReadAllText(Path.Combine(SourceRoot(), file)), ""), "");
        var codeStart = markup.IndexOf("@code", StringComparison.Ordinal);
        var (html, code) = codeStart < 0 ? (markup, "") : (markup[..codeStart], markup[codeStart..]);

        var found = new List<string>();
        found.AddRange(TextNode().Matches(html).Select(m => m.Groups["text"].Value.Trim()).Where(IsWords));
        found.AddRange(ReadAttribute().Matches(html).Select(m => m.Groups["value"].Value).Where(v => !v.StartsWith('@') && IsWords(v)));
        found.AddRange(Sentence().Matches(html + code).Select(m => m.Groups["text"].Value).Where(IsWords));

        Assert.True(found.Count == 0, $"{file} shows literal text: {string.Join(" | ", found)}");
    }

    private static bool IsWords(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', ':');
        return Letters().IsMatch(trimmed) && !Allowed.Contains(trimmed) && !trimmed.StartsWith('@');
    }

    private static string SourceRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MemberCards.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("MemberCards.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"@\*.*?\*@|<!--.*?-->|///.*?$|(?<=\s)//.*?$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Comment();

    // Directives (@inject IStringLocalizer<X> L) and log calls (their templates are for operators, in English).
    [GeneratedRegex(@"^\s*@(?:inject|using|implements|inherits|attribute|layout|page|typeparam).*?$|^.*\bLog(?:ger)?\.Log\w+\(.*?$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    // Text directly between a tag's end and the next tag or Razor expression, e.g. <b>Total</b>; not a lambda's "=>".
    [GeneratedRegex(@"(?<![=\-])>(?<text>[^<>@{}=""]*[A-Za-z][^<>@{}=""]*)(?=<|@)")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\b(?:Label|Title|Text|Placeholder|HelperText|RequiredError|ErrorText|DataLabel|AriaLabel|aria-label|title|alt)=""(?<value>[^""]*)""")]
    private static partial Regex ReadAttribute();

    // A string literal that reads as words: a capital, then lower-case letters and a space ("Save purchase"); an
    // attribute's C# expression (CanChange="Member is null") is not one.
    [GeneratedRegex(@"(?<![\w\]\[=])""(?<text>[A-Z][a-z]+[ ,][^""]*)""")]
    private static partial Regex Sentence();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Letters();
}
