namespace MemberCards.Web.Localization;

/// <summary>Words every feature uses (Save, Cancel), and the names of the domain's enums, in SharedText.resx.</summary>
public sealed class SharedText;
