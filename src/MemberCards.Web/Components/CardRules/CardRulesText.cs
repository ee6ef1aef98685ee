namespace MemberCards.Web.Components.CardRules;

/// <summary>The texts of the card rules page, in CardRulesText.resx (English) and CardRulesText.zh-CN.resx.</summary>
public sealed class CardRulesText;
