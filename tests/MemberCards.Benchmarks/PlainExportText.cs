using MemberCards.Campaigns;

namespace MemberCards.Benchmarks;

/// <summary>Export words for runs without a UI (benchmarks, service tests): the enum names and fixed labels.</summary>
public static class PlainExportText
{
    public static ExportText Value { get; } = new(
        ["Rank", "Card number", "Name", "Email", "Phone", "Tier", "Spend in period", "Purchases in period", "Last purchase in period", "RFM segment"],
        tier => tier.ToString(), rfm => rfm.ToString(), "Segment", "About", "Rows", "Left out", "Why", "Only opted-in members.");
}
