namespace MemberCards.Web.Components.Dashboard;

/// <summary>The texts of the Dashboard components, in DashboardText.resx (English) and DashboardText.zh-CN.resx.</summary>
public sealed class DashboardText;
