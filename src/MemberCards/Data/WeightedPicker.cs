namespace MemberCards.Data;

/// <summary>Draws items in proportion to their weights (the demo data's dice); items of weight 0 are never drawn.</summary>
internal sealed class WeightedPicker<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedPicker(IEnumerable<(T Item, double Weight)> weighted)
    {
        var list = weighted.Where(w => w.Weight > 0).ToList();
        _items = [.. list.Select(w => w.Item)];
        _cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            _cumulative[i] = sum += list[i].Weight;
        }
    }

    public T Pick(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
        return _items[Math.Min(index < 0 ? ~index : index, _items.Length - 1)];
    }
}
