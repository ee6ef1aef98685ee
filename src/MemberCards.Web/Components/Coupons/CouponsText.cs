namespace MemberCards.Web.Components.Coupons;

/// <summary>The texts of the coupon pages and dialogs, in CouponsText.resx (English) and CouponsText.zh-CN.resx.</summary>
public sealed class CouponsText;
