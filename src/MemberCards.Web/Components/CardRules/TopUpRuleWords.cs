using System.Globalization;
using MemberCards.CardValue;
using MemberCards.Web.Localization;
using Microsoft.Extensions.Localization;

namespace MemberCards.Web.Components.CardRules;

public enum TopUpRuleStatus
{
    InForce,
    Scheduled,
    Ended,
    Off,
}

/// <summary>A top-up rule as a shop says it: "充500送80" in Chinese, "Top up ¥500, get ¥80" in English, and where it stands today.</summary>
public sealed class TopUpRuleWords(StoreFormat format, IStringLocalizer<CardRulesText> text)
{
    public string Describe(TopUpRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        List<string> gifts = [];
        if (rule.BonusPercent > 0)
        {
            gifts.Add(text["PercentGift", rule.BonusPercent]);
        }
        else if (rule.BonusMinor > 0)
        {
            gifts.Add(Amount(rule.BonusMinor));
        }
        if (rule.BonusPoints > 0)
        {
            gifts.Add(text["PointsGift", format.Number(rule.BonusPoints)]);
        }
        return gifts.Count == 0
            ? text["RuleNoBonus", Amount(rule.ThresholdMinor)]
            : text["RuleWords", Amount(rule.ThresholdMinor), string.Join(text["And"], gifts)];
    }

    public string Dates(TopUpRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);
        return (rule.ActiveFrom, rule.ActiveTo) switch
        {
            ({ } from, { } to) => text["DateRange", Day(from), Day(to)],
            ({ } from, null) => text["FromDate", Day(from)],
            (null, { } to) => text["UntilDate", Day(to)],
            _ => text["EveryDay"],
        };
    }

    public static TopUpRuleStatus Status(TopUpRule rule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.AppliesOn(today) ? TopUpRuleStatus.InForce
            : !rule.IsActive ? TopUpRuleStatus.Off
            : rule.ActiveFrom > today ? TopUpRuleStatus.Scheduled
            : TopUpRuleStatus.Ended;
    }

    public string Say(TopUpRuleStatus status) => text[$"Status_{status}"];

    public string Amount(long minor) => format.OfferAmount(minor);
}
