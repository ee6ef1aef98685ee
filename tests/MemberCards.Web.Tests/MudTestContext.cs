using Bunit.TestDoubles;
using MemberCards.Accounts;
using MemberCards.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace MemberCards.Web.Tests;

/// <summary>bUnit with MudBlazor's services, an interactive server renderer and the store's formatting.</summary>
public abstract class MudTestContext : BunitContext
{
    /// <param name="addServices">Services a test class needs besides these; bUnit takes none once the context is set up.</param>
    protected MudTestContext(Action<IServiceCollection>? addServices = null)
    {
        // Every wait is for a state the test names, so a long limit costs nothing when it passes and keeps a loaded
        // machine (or PostgreSQL's slower round trips) from failing a test that would have passed a moment later.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        addServices?.Invoke(Services);
        Services.AddMudServices();
        Services.AddSingleton(Options.Create(Store));
        // A test class may bring its own clock (the dashboard's live refresh on a fake one).
        Services.TryAddSingleton(TimeProvider.System);
        Services.AddSingleton<StoreClock>();
        Services.AddSingleton<StoreFormat>();
        Services.AddMemberCardsLanguages();
        // The language a test's user reads, as the request localization middleware would set it for the circuit.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(Language);
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(Language);
        Services.AddScoped<MemberCards.Web.Components.Layout.PurchaseConfirmations>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Authorization.SetAuthorized("manager@test");
        Authorization.SetRoles(Roles.Manager);
    }

    /// <summary>The dashboard's chart builder as the page makes it, in the test's language.</summary>
    protected Components.Dashboard.DashboardCharts DashboardCharts() => new(Services.GetRequiredService<StoreFormat>(),
        Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Components.Dashboard.DashboardText>>(), Services.GetRequiredService<Messages>());

    /// <summary>A shop in New York in dollars unless a test class runs another (a Chinese shop: region CN).</summary>
    protected virtual MemberCardsOptions Store => new() { TimeZone = "America/New_York", Culture = "en-US" };

    /// <summary>English unless a test class reads the UI in another language.</summary>
    protected virtual string Language => MemberCards.Web.Localization.Languages.English;

    /// <summary>Signed in as a manager unless a test says otherwise.</summary>
    protected BunitAuthorizationContext Authorization { get; }
}
