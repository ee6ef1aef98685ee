namespace MemberCards.Web.Components.Members;

/// <summary>The texts of the Members components, in MembersText.resx (English) and MembersText.zh-CN.resx.</summary>
public sealed class MembersText;
