using MemberCards.Purchases;

namespace MemberCards.Data;

/// <summary>A demo member as the visits see them: who, since when, and how much they buy compared with others.</summary>
internal sealed record DemoShopper(int Id, DateTime JoinedAt, double Appetite);

/// <summary>
/// The demo's purchase history with structure to learn from. Each member has one or two favourite kinds of visit
/// (<see cref="DemoBasketPattern"/>) and a favourite item in each slot of them, and a rhythm: visits spread evenly
/// over the member's active time with noise (an interval between visits of 0.3 to 1.7 times the usual one). About one
/// member in seven lapses: their visits stop part way through and never resume. Busy days (weekends, the season) take
/// some visits from the quiet days before them. The same seed gives the same history.
/// </summary>
internal sealed class DemoVisits(StoreClock clock, IReadOnlyList<DemoBasketPattern> patterns, IReadOnlyDictionary<string, int> productIds, WeightedPicker<int> anyProduct)
{
    private const double LapseShare = 0.15;
    private const double Jitter = 0.35;
    private const double FavouriteItem = 0.7;
    private const double PairedItem = 0.5;

    private static readonly double[] HourWeight =
        [0, 0, 0, 0, 0, 0, 2, 4, 9, 7, 5, 6, 10, 9, 5, 4, 5, 7, 8, 6, 4, 2, 0, 0];

    private readonly WeightedPicker<int>[] _hours = [.. patterns.Select(p =>
        new WeightedPicker<int>(Enumerable.Range(p.FirstHour, p.LastHour - p.FirstHour + 1).Select(h => (h, HourWeight[h] + 1))))];

    private sealed record Habit(int[] Patterns, int[][] Favourites, int FavouriteSingle);

    /// <summary>Exactly <paramref name="count"/> purchases, in time order, each member's share in proportion to appetite × time as a member.</summary>
    public List<ImportedPurchase> Generate(int count, Random random, IReadOnlyList<DemoShopper> shoppers, Func<DateOnly, double> dayWeight)
    {
        var now = clock.UtcNow;
        var rangeStart = clock.StartOfDayUtc(clock.Today.AddMonths(-18));
        var from = shoppers.Select(s => s.JoinedAt > rangeStart ? s.JoinedAt : rangeStart).ToArray();
        var visits = Shares(count, [.. shoppers.Select((s, i) => s.Appetite * Math.Max(0, (now - from[i]).TotalDays))]);
        var patternPicker = new WeightedPicker<int>(patterns.Select((p, i) => (i, p.Share)));
        var result = new List<ImportedPurchase>(count);
        for (var m = 0; m < shoppers.Count; m++)
        {
            var habit = NewHabit(random, patternPicker);
            var until = visits[m] >= 4 && random.NextDouble() < LapseShare ? from[m] + (now - from[m]) * (0.35 + 0.5 * random.NextDouble()) : now;
            var interval = (until - from[m]) / Math.Max(1, visits[m]);
            for (var k = 0; k < visits[m]; k++)
            {
                var pattern = random.NextDouble() < 0.8 ? habit.Patterns[random.Next(habit.Patterns.Length)] : patternPicker.Pick(random);
                var around = from[m] + interval * (k + 0.5 + Jitter * (2 * random.NextDouble() - 1));
                var at = TimeOfVisit(random, around, _hours[pattern], dayWeight, shoppers[m].JoinedAt, now);
                result.Add(new ImportedPurchase(shoppers[m].Id, at, random.NextDouble() < 0.7 ? "staff@demo.test" : "manager@demo.test", Basket(random, habit, pattern)));
            }
        }
        result.Sort((a, b) => a.PurchasedAt.CompareTo(b.PurchasedAt));
        return result;
    }

    // Largest remainder, so the counts add up to exactly the total asked for.
    private static int[] Shares(int total, double[] weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => sum > 0 ? total * w / sum : 0).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var rest = total - counts.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(rest))
        {
            counts[i]++;
        }
        return counts;
    }

    private Habit NewHabit(Random random, WeightedPicker<int> patternPicker)
    {
        var first = patternPicker.Pick(random);
        var second = random.NextDouble() < 0.5 ? patternPicker.Pick(random) : first;
        var favourites = patterns.Select(p =>
        {
            var lead = p.Slots.Count == 0 ? 0 : random.Next(p.Slots[0].Length);
            return p.Slots.Select((slot, s) => s == 0 ? lead : random.NextDouble() < 0.6 ? lead % slot.Length : random.Next(slot.Length)).ToArray();
        }).ToArray();
        return new Habit(first == second ? [first] : [first, second], favourites, anyProduct.Pick(random));
    }

    private List<NewPurchaseLine> Basket(Random random, Habit habit, int patternIndex)
    {
        var pattern = patterns[patternIndex];
        if (pattern.Slots.Count == 0)
        {
            return [Line(random, random.NextDouble() < 0.5 ? habit.FavouriteSingle : anyProduct.Pick(random))];
        }
        var lines = new List<NewPurchaseLine>(pattern.Slots.Count);
        var lead = 0;
        for (var s = 0; s < pattern.Slots.Count; s++)
        {
            if (s == pattern.Slots.Count - 1 && s > 1 && random.NextDouble() >= pattern.LastSlotChance)
            {
                break;
            }
            var slot = pattern.Slots[s];
            var pick = random.NextDouble() < FavouriteItem ? habit.Favourites[patternIndex][s]
                : s > 0 && random.NextDouble() < PairedItem ? lead % slot.Length
                : random.Next(slot.Length);
            lead = s == 0 ? pick : lead;
            var id = productIds[slot[pick]];
            if (lines.TrueForAll(l => l.ProductId != id))
            {
                lines.Add(Line(random, id));
            }
        }
        return lines;
    }

    private static NewPurchaseLine Line(Random random, int productId) =>
        new(productId, random.NextDouble() switch { < 0.85 => 1, < 0.97 => 2, _ => 3 });

    private DateTime TimeOfVisit(Random random, DateTime around, WeightedPicker<int> hours, Func<DateOnly, double> dayWeight, DateTime joinedAt, DateTime now)
    {
        var day = DateOnly.FromDateTime(clock.ToLocal(around));
        // A quiet day gives some of its visits to the next day.
        if (random.NextDouble() > dayWeight(day))
        {
            day = day.AddDays(1);
        }
        var at = clock.ToUtc(day.ToDateTime(new TimeOnly(hours.Pick(random), random.Next(60), random.Next(60))));
        if (at > now)
        {
            at = at.AddDays(-1);
        }
        return at >= joinedAt && at <= now ? at : joinedAt + (now - joinedAt) * random.NextDouble();
    }
}
