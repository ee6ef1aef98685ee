namespace MemberCards.Web.Components.Account;

/// <summary>The texts of the Account components, in AccountText.resx (English) and AccountText.zh-CN.resx.</summary>
public sealed class AccountText;
