using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using MemberCards.Web.Localization;

namespace MemberCards.Web.Tests.Localization;

/// <summary>Every text exists in English and Chinese, and every message a service can return has both.</summary>
public sealed partial class ResourceTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo(Languages.English);
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo(Languages.Chinese);

    /// <summary>Each feature's resource (a marker class beside its .resx files), except MudBlazor's: its English is MudBlazor's own.</summary>
    public static TheoryData<string> Resources => new(typeof(Messages).Assembly.GetManifestResourceNames()
        .Where(n => n.EndsWith(".resources", StringComparison.Ordinal) && !n.Contains(nameof(MudTexts), StringComparison.Ordinal))
        .Select(n => n[..^".resources".Length]));

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_key_has_an_English_and_a_Chinese_text_with_the_same_placeholders(string baseName)
    {
        var manager = new ResourceManager(baseName, typeof(Messages).Assembly);
        var english = Entries(manager, English, tryParents: true);
        var chinese = Entries(manager, Chinese, tryParents: false);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), chinese.Keys.Order());
        Assert.All(english, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(chinese[e.Key]), e.Key);
            Assert.Equal(Placeholders(e.Value), Placeholders(chinese[e.Key]));
        });
    }

    [Fact]
    public void Every_message_code_a_service_can_return_has_a_text_in_both_languages()
    {
        var manager = new ResourceManager(typeof(ProblemText).FullName!, typeof(Messages).Assembly);
        var english = Entries(manager, English, tryParents: true);
        var chinese = Entries(manager, Chinese, tryParents: false);

        Assert.All(Enum.GetNames<MessageCode>(), code =>
        {
            Assert.True(english.ContainsKey(code), $"{code} has no English text");
            Assert.True(chinese.ContainsKey(code), $"{code} has no Chinese text");
        });
    }

    [Fact]
    public void Every_enum_the_UI_shows_has_a_name_in_both_languages()
    {
        var manager = new ResourceManager(typeof(SharedText).FullName!, typeof(Messages).Assembly);
        var chinese = Entries(manager, Chinese, tryParents: false);
        Type[] shown = [typeof(MemberCards.Reports.Granularity), typeof(MemberCards.Tiers.TierPreset), typeof(MemberCards.Tiers.TierMeasure), typeof(MemberCards.Tiers.TierChangeKind), typeof(MemberCards.Members.MemberStatus), typeof(MemberCards.Members.CardRetirement), typeof(MemberCards.Campaigns.RfmSegment), typeof(MemberCards.Products.ProductStatus)];

        Assert.All(shown.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}_{n}")), key => Assert.True(chinese.ContainsKey(key), key));
    }

    [Fact]
    public void Every_audit_action_is_offered_in_the_audit_filter_and_named_in_both_languages()
    {
        var manager = new ResourceManager(typeof(MemberCards.Web.Components.Auditing.AuditingText).FullName!, typeof(Messages).Assembly);
        var english = Entries(manager, English, tryParents: true);
        var chinese = Entries(manager, Chinese, tryParents: false);
        var actions = typeof(MemberCards.Auditing.AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(actions.Order(), MemberCards.Auditing.AuditActions.All.Order());
        Assert.All(actions, action =>
        {
            Assert.True(english.ContainsKey("Action_" + action), $"{action} has no English name");
            Assert.True(chinese.ContainsKey("Action_" + action), $"{action} has no Chinese name");
        });
    }

    private static Dictionary<string, string> Entries(ResourceManager manager, CultureInfo culture, bool tryParents) =>
        manager.GetResourceSet(culture, createIfNotExists: true, tryParents)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Order()];

    [GeneratedRegex(@"\{(\d+)")]
    private static partial Regex Placeholder();
}
