using System.Globalization;
using MemberCards.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace MemberCards.Web.Localization;

/// <summary>
/// Each user's language: the culture cookie (written when they choose, and at sign-in from their account), else the
/// browser's Accept-Language, else the store's <c>MemberCards:Language</c>. Blazor Server takes the culture when the
/// circuit starts, so a change is a cookie and a reload (Microsoft's documented way).
/// </summary>
public static class LanguageSetup
{
    public static IServiceCollection AddMemberCardsLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudLocalizer, ResxMudLocalizer>();
        services.AddSingleton<DiscountText>();
        services.AddTransient<Messages>();
        services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<MemberCardsOptions>>((localization, store) =>
        {
            var cultures = Languages.All.Select(CultureInfo.GetCultureInfo).ToList();
            localization.SupportedCultures = cultures;
            localization.SupportedUICultures = cultures;
            localization.DefaultRequestCulture = new RequestCulture(Languages.Match(store.Value.Language) ?? Languages.English);
            localization.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context => Task.FromResult(FromAcceptLanguage(context))),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UseMemberCardsLanguages(this IApplicationBuilder app) =>
        app.UseRequestLocalization(app.ApplicationServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);

    /// <summary>
    /// Sets the language and goes back to the page: a full load, so the circuit restarts in the new culture. A signed-in
    /// user's choice is kept on their account, so it follows them to another browser and survives a cleared cookie.
    /// </summary>
    public static void MapLanguageEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/Language", async (string? language, string? returnUrl, HttpContext context, UserManager<AppUser> users) =>
        {
            if (Languages.Match(language) is { } chosen)
            {
                Languages.WriteCookie(context.Response, chosen);
                if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.Language != chosen)
                {
                    user.Language = chosen;
                    await users.UpdateAsync(user);
                }
            }
            return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "~/");
        }).AllowAnonymous();

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    // The framework's own Accept-Language provider matches only exact or parent cultures: "zh" or "zh-Hans" would
    // never reach zh-CN.
    private static ProviderCultureResult? FromAcceptLanguage(HttpContext context)
    {
        var match = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Languages.Match(l.Value.Value))
            .FirstOrDefault(l => l is not null);
        return match is null ? null : new ProviderCultureResult(match);
    }
}
