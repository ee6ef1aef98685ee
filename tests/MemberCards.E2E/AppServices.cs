using MemberCards.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemberCards.E2E;

/// <summary>
/// The app's own services over the database a running app uses, for a test to arrange what no page makes quickly
/// (coupons to give, a key for tills, a member with a large balance) or to read what a page did.
/// </summary>
public static class AppServices
{
    public static ServiceProvider Over(string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        new ServiceCollection()
            .AddLogging()
            .AddMemberCards(connectionString, provider)
            .AddSingleton(Options.Create(new MemberCardsOptions()))
            .BuildServiceProvider();
}
