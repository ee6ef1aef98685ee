using Bunit.TestDoubles;
using MemberCards.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace MemberCards.Web.Tests;

/// <summary>bUnit with MudBlazor's services, an interactive server renderer and the store's formatting.</summary>
public abstract class MudTestContext : BunitContext
{
    /// <param name="addServices">Services a test class needs besides these; bUnit takes none once the context is set up.</param>
    protected MudTestContext(Action<IServiceCollection>? addServices = null)
    {
        addServices?.Invoke(Services);
        Services.AddMudServices();
        Services.AddSingleton(Options.Create(new MemberCardsOptions { TimeZone = "America/New_York", Culture = "en-US" }));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<StoreClock>();
        Services.AddSingleton<StoreFormat>();
        Services.AddScoped<MemberCards.Web.Components.Layout.PurchaseConfirmations>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Authorization.SetAuthorized("manager@test");
        Authorization.SetRoles(Roles.Manager);
    }

    /// <summary>Signed in as a manager unless a test says otherwise.</summary>
    protected BunitAuthorizationContext Authorization { get; }
}
