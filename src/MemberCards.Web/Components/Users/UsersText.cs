namespace MemberCards.Web.Components.Users;

/// <summary>The texts of the Users components, in UsersText.resx (English) and UsersText.zh-CN.resx.</summary>
public sealed class UsersText;
