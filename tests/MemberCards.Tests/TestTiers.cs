namespace MemberCards.Tests;

/// <summary>The ids the Tiers migration gave the four preset tiers (their old order 0–3, plus one).</summary>
public static class TestTiers
{
    public const int Bronze = 1;
    public const int Silver = 2;
    public const int Gold = 3;
    public const int Platinum = 4;
}
