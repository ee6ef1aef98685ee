using MemberCards.Web.Components;

namespace MemberCards.Web.Tests;

/// <summary>A search typed while the first page still loads: whichever answer comes back last, the grid ends on the search's rows.</summary>
public sealed class LatestGridDataTests
{
    [Fact]
    public void A_superseded_load_answering_after_the_newer_one_returns_the_newer_rows()
    {
        var rows = new LatestGridData<string>();
        using var first = new CancellationTokenSource();
        first.Cancel(); // the grid cancels it when the search's load starts

        var searched = rows.Keep(["Ann"], 1, CancellationToken.None);
        var late = rows.Keep(["Ann", "Bob", "Cai"], 3, first.Token);

        Assert.Equal(["Ann"], late.Items);
        Assert.Equal(1, late.TotalItems);
        Assert.Same(searched, late);
    }

    [Fact]
    public void A_superseded_load_answering_first_shows_nothing_new_and_the_newer_one_then_shows_its_rows()
    {
        var rows = new LatestGridData<string>();
        using var first = new CancellationTokenSource();
        first.Cancel();

        var early = rows.Keep(["Ann", "Bob", "Cai"], 3, first.Token);
        var searched = rows.Keep(["Ann"], 1, CancellationToken.None);

        Assert.Empty(early.Items);
        Assert.Equal(["Ann"], searched.Items);
        Assert.Same(searched, rows.Latest);
    }
}
