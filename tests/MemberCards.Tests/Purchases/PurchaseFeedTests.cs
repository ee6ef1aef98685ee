using MemberCards.Purchases;

namespace MemberCards.Tests.Purchases;

public sealed class PurchaseFeedTests : IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 3, 16, 14, 0, 0, DateTimeKind.Utc);
    private TestDatabase _db = null!;
    private int _member;
    private int _latte;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync();
        _latte = await _db.AddProductAsync("Latte", 450);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_recorded_and_a_voided_purchase_are_published_once_each()
    {
        var seen = new List<PurchaseEvent>();
        using var subscription = _db.Get<PurchaseFeed>().Subscribe(seen.Add);

        var id = await _db.RecordAsync(_member, Monday, (_latte, 2));
        await _db.Get<PurchaseService>().VoidAsync(id, "Entered twice", TestUsers.Manager, CancellationToken.None);

        Assert.Equal(
            [new PurchaseEvent(PurchaseChange.Recorded, id, _member, Monday, 900), new PurchaseEvent(PurchaseChange.Voided, id, _member, Monday, 900)],
            seen);
    }

    [Fact]
    public async Task A_listener_hears_in_the_cultures_it_subscribed_in_not_in_the_publishers()
    {
        // A Chinese manager's dashboard subscribed; an English till (or the PostgreSQL relay's invariant thread) publishes.
        var (culture, uiCulture) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        var heard = new List<(string Culture, string UiCulture)>();
        IDisposable subscription;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            subscription = _db.Get<PurchaseFeed>().Subscribe(_ => heard.Add((System.Globalization.CultureInfo.CurrentCulture.Name, System.Globalization.CultureInfo.CurrentUICulture.Name)));
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
            _db.Get<PurchaseFeed>().PublishFromOtherInstance(new PurchaseEvent(PurchaseChange.Recorded, 1, _member, Monday, 450));
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
            await _db.RecordAsync(_member, Monday, (_latte, 1));

            Assert.Equal("en-US", System.Globalization.CultureInfo.CurrentCulture.Name);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
        subscription.Dispose();

        Assert.Equal([("zh-CN", "zh-CN"), ("zh-CN", "zh-CN")], heard);
    }

    [Fact]
    public async Task A_refused_purchase_publishes_nothing()
    {
        var seen = new List<PurchaseEvent>();
        using var subscription = _db.Get<PurchaseFeed>().Subscribe(seen.Add);

        var result = await _db.Get<PurchaseService>().RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(_latte, 0)]), TestUsers.Staff, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(seen);
    }

    [Fact]
    public async Task A_closed_subscription_hears_nothing_more_and_a_failing_listener_does_not_fail_the_save()
    {
        var feed = _db.Get<PurchaseFeed>();
        var seen = new List<PurchaseEvent>();
        using var broken = feed.Subscribe(_ => throw new InvalidOperationException("tab closed"));
        var subscription = feed.Subscribe(seen.Add);
        await _db.RecordAsync(_member, Monday, (_latte, 1));

        subscription.Dispose();
        await _db.RecordAsync(_member, Monday, (_latte, 1));

        Assert.Single(seen);
        Assert.Equal(1, feed.ListenerCount);
    }
}
