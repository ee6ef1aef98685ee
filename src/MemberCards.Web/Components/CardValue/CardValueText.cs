namespace MemberCards.Web.Components.CardValue;

/// <summary>The texts of the card value components, in CardValueText.resx (English) and CardValueText.zh-CN.resx.</summary>
public sealed class CardValueText;
