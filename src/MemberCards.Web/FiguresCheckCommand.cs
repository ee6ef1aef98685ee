using System.Globalization;
using MemberCards.Accounts;
using MemberCards.Purchases;

namespace MemberCards.Web;

public static class FiguresCheckCommand
{
    public const string Name = "check-figures";

    /// <summary>
    /// <c>check-figures</c>: recomputes every derived figure from the purchases, prints each mismatch and exits
    /// 0 when there is none, 1 otherwise (so a script or a cron job can alert on it).
    /// </summary>
    public static async Task<int> CheckFiguresAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var mismatches = await scope.ServiceProvider.GetRequiredService<FiguresCheck>().FindMismatchesAsync(Access.System, app.Lifetime.ApplicationStopping);
        foreach (var m in mismatches)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{m.Figure} {m.Key}: stored {m.Stored?.ToString(CultureInfo.InvariantCulture) ?? "none"}, recomputed {m.Actual?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
        }
        await Console.Out.WriteLineAsync(mismatches.Count == 0
            ? "Every figure equals what the purchases give."
            : string.Create(CultureInfo.InvariantCulture, $"{mismatches.Count} figures differ from what the purchases give."));
        return mismatches.Count == 0 ? 0 : 1;
    }
}
