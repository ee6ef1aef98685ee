using MudBlazor;

namespace MemberCards.Web.Components;

/// <summary>
/// What a server-data grid's load returns. The grid cancels a load when a newer one starts (a filter typed while the
/// first page still loads); one that finished its query anyway returns the newest rows this page has, never its own
/// older ones, so whichever order the two answers arrive in, the grid ends on the newer rows.
/// </summary>
public sealed class LatestGridData<T>
{
    private GridData<T> _latest = new() { Items = [], TotalItems = 0 };

    /// <summary>True when <paramref name="cancellationToken"/>'s load was superseded: show <see cref="Latest"/> instead.</summary>
    public static bool Superseded(CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested;

    public GridData<T> Latest => _latest;

    public GridData<T> Keep(IEnumerable<T> items, int total, CancellationToken cancellationToken) =>
        Superseded(cancellationToken) ? _latest : _latest = new GridData<T> { Items = items, TotalItems = total };
}
