namespace MemberCards.Web.Components.Campaigns;

/// <summary>The texts of the Campaigns components, in CampaignsText.resx (English) and CampaignsText.zh-CN.resx.</summary>
public sealed class CampaignsText;
