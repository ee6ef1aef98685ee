using System.Globalization;
using MemberCards.Accounts;
using MemberCards.Recommendations;

namespace MemberCards.Web;

public static class EvaluateRecommendationsCommand
{
    public const string Name = "evaluate-recommendations";

    /// <summary>
    /// <c>evaluate-recommendations [--cutoff 2026-05-31]</c>: trains on the purchases before the cut-off (default: 30
    /// days ago, the store's midnight), predicts each member's next basket and prints hit rate@5 and precision@5 of each
    /// recommender against the baselines, and lapse risk's precision, as a Markdown table. Exits 2 on a bad date.
    /// </summary>
    public static async Task<int> EvaluateRecommendationsAsync(this WebApplication app, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        await using var scope = app.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<StoreClock>();
        var at = args.ToList().IndexOf("--cutoff");
        var day = clock.Today.AddDays(-RecommendationEvaluation.TestDays);
        if (at >= 0 && (at + 1 >= args.Count || !DateOnly.TryParseExact(args[at + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)))
        {
            await Console.Error.WriteLineAsync("--cutoff needs a date as yyyy-MM-dd.");
            return 2;
        }
        var report = await scope.ServiceProvider.GetRequiredService<RecommendationEvaluation>().RunAsync(clock.StartOfDayUtc(day), Access.System, app.Lifetime.ApplicationStopping);
        var text = CultureInfo.InvariantCulture;
        await Console.Out.WriteLineAsync(string.Create(text, $"Cut-off {day:yyyy-MM-dd}; next basket within {report.TestDays} days."));
        await Console.Out.WriteLineAsync("| task | recommender | cases | hit rate@5 | precision@5 |\n| --- | --- | ---: | ---: | ---: |");
        foreach (var (task, scores) in new[] { ("next basket", report.NextBasket), ("hidden basket item", report.HiddenItem) })
        {
            foreach (var s in scores)
            {
                await Console.Out.WriteLineAsync(string.Create(text, $"| {task} | {s.Recommender} | {s.Cases:N0} | {s.HitRate:P1} | {s.Precision:P1} |"));
            }
        }
        var lapse = report.Lapse;
        await Console.Out.WriteLineAsync(string.Create(text,
            $"Lapse risk: {lapse.Flagged:N0} of {lapse.Members:N0} members with a rhythm flagged; {lapse.Precision:P1} of them did not come back within {report.TestDays} days (all members with a rhythm: {lapse.BaseRate:P1})."));
        return 0;
    }
}
