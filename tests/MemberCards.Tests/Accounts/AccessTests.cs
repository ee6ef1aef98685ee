using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Campaigns;
using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Reports;

namespace MemberCards.Tests.Accounts;

/// <summary>The services refuse a role the README's table doesn't allow, whatever page called them.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _member;
    private int _purchase;
    private int _coffee;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _member = await _db.AddMemberAsync();
        _coffee = await _db.AddProductAsync("Coffee", 300);
        _purchase = await _db.RecordAsync(_member, TestDatabase.DefaultNow.AddHours(-1), (_coffee, 1));
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    public static TheoryData<string, string> Refused => new()
    {
        { "void a purchase", "staff" },
        { "void a purchase", "marketing" },
        { "record a purchase", "marketing" },
        { "create a member", "marketing" },
        { "read the dashboard", "staff" },
        { "read top spenders", "staff" },
        { "list members", "anonymous" },
        { "list purchases", "anonymous" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_role_without_the_right_is_refused_with_a_clear_error_and_nothing_changes(string action, string role)
    {
        var user = role switch { "staff" => TestUsers.Staff, "marketing" => TestUsers.Marketing, _ => TestUsers.Anonymous };

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => Run(action, user));

        Assert.Matches(role == "anonymous" ? "Sign in first" : "may not do this: it needs the role", error.Message);
        await using var db = _db.Open();
        Assert.Equal((1, 1, 300L), (db.Purchases.Count(), db.Members.Count(), db.Members.Single().TotalSpentMinor));
        Assert.Null(db.Purchases.Single().VoidedAt);
    }

    [Theory]
    [InlineData("void a purchase", "manager")]
    [InlineData("record a purchase", "staff")]
    [InlineData("create a member", "staff")]
    [InlineData("read the dashboard", "marketing")]
    [InlineData("read top spenders", "marketing")]
    [InlineData("list members", "marketing")]
    public async Task The_roles_the_table_allows_get_through(string action, string role)
    {
        var user = role switch { "staff" => TestUsers.Staff, "marketing" => TestUsers.Marketing, _ => TestUsers.Manager };

        await Run(action, user);
    }

    private Task Run(string action, ClaimsPrincipal user) => action switch
    {
        "void a purchase" => _db.Get<PurchaseService>().VoidAsync(_purchase, "Mistake", user, CancellationToken.None),
        "record a purchase" => _db.Get<PurchaseService>().RecordAsync(new NewPurchase(_member, [new NewPurchaseLine(_coffee, 1)]), user, CancellationToken.None),
        "create a member" => _db.Get<MemberService>().CreateAsync(new NewMember("Someone New", null, null), user, CancellationToken.None),
        "read the dashboard" => _db.Get<DashboardReport>().LoadAsync(DashboardRange.LastDays(new DateOnly(2026, 3, 20), 7), Granularity.Day, user, CancellationToken.None),
        "read top spenders" => _db.Get<SegmentService>().PageAsync(new SegmentCriteria { Top = 10 }, 0, 10, false, user, CancellationToken.None),
        "list members" => _db.Get<MemberSearch>().ListAsync(new MemberListQuery(), user, CancellationToken.None),
        "list purchases" => _db.Get<PurchaseSearch>().ListAsync(new PurchaseQuery(), user, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
