namespace MemberCards.Web.Components.Merging;

/// <summary>The texts of the duplicates page and the merge dialog, in MergingText.resx (English) and MergingText.zh-CN.resx.</summary>
public sealed class MergingText;
