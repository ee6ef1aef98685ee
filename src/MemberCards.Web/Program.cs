using MemberCards;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Web;
using MemberCards.Web.Api;
using MemberCards.Web.Components;
using MemberCards.Web.Components.Account;
using MemberCards.Web.Components.Layout;
using MemberCards.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<MemberCardsOptions>()
    .Bind(builder.Configuration.GetSection(MemberCardsOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
var providerSetting = builder.Configuration[$"{MemberCardsOptions.Section}:Database:Provider"];
if (!Enum.TryParse<DatabaseProvider>(string.IsNullOrWhiteSpace(providerSetting) ? nameof(DatabaseProvider.Sqlite) : providerSetting, ignoreCase: true, out var provider)
    || !Enum.IsDefined(provider))
{
    await Console.Error.WriteLineAsync($"Member Cards cannot start: MemberCards:Database:Provider '{providerSetting}' is not Sqlite or PostgreSql.");
    return 1;
}
var database = DataLocation.Resolve(provider, builder.Configuration.GetConnectionString("MemberCards"), builder.Environment.ContentRootPath);
// Webhooks to a receiver on this machine or the private network: for trying them out in Development only.
builder.Services.AddSingleton(new MemberCards.Webhooks.WebhookTargets(AllowPrivate: builder.Environment.IsDevelopment()));
builder.Services.AddMemberCards(database.ConnectionString, provider);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddMemberCardsHealth();
builder.Services.AddMemberCardsMetrics(builder.Configuration);
builder.Services.AddSingleton<StoreFormat>();
builder.Services.AddMemberCardsLanguages();
// Per circuit: a purchase whose answer was lost with the connection is looked up and confirmed on reconnect.
builder.Services.AddTransient<MemberCards.Web.Components.Import.ImportWords>();
builder.Services.AddScoped<PurchaseConfirmations>();
builder.Services.AddScoped<CircuitHandler>(services => services.GetRequiredService<PurchaseConfirmations>());

// Sign-in: ASP.NET Core Identity with its EF Core stores in the app's own database, cookie authentication.
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.LoginPath = "/Account/Login";
    cookie.AccessDeniedPath = "/Account/AccessDenied";
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SameSite = SameSiteMode.Strict;
    cookie.ExpireTimeSpan = SignInPolicy.SessionLifetime;
    cookie.SlidingExpiration = true;
    cookie.Events.OnSigningIn = SignInSessions.OnSigningInAsync;
    var stampCheck = cookie.Events.OnValidatePrincipal;
    cookie.Events.OnValidatePrincipal = context => SignInSessions.ValidateAsync(context, stampCheck);
});
// How often a cookie is checked against the account (its security stamp); the same period for open tabs.
builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<MemberCardsOptions>>((validator, options) =>
{
    validator.ValidationInterval = options.Value.SignIn.SessionCheckEvery;
    validator.OnRefreshingPrincipal = SignInSessions.OnRefreshingPrincipalAsync;
});
builder.Services.AddIdentityCore<AppUser>(SignInPolicy.Apply)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<MemberCardsDb>()
    .AddSignInManager()
    .AddDefaultTokenProviders()
    .AddPasswordValidator<CommonPasswordValidator>();
builder.Services.AddScoped<RoleSetup>();
builder.Services.AddScoped<DemoAccounts>();
builder.Services.AddScoped<FirstManager>();
builder.Services.AddScoped<UserService>();
builder.Services.AddScoped<TwoFactorService>();
builder.Services.AddScoped<SignInLanding>();
builder.Services.AddScoped<SecondFactorSignIn>();
// Tills and online stores: /api/v1, authenticated by API keys only (never the sign-in cookie).
builder.Services.AddMemberCardsApi();
// Every page and endpoint needs a signed-in user unless it says otherwise (the sign-in page, static files).
builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
// Keys that protect the sign-in cookie live with the database, so sign-ins survive restarts and moves: beside the
// SQLite file, or in the PostgreSQL database that every web instance shares (a cookie from one works on all).
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("MemberCards");
var keysFolder = database.FilePath is null ? null
    : builder.Configuration["MemberCards:KeysFolder"] is { Length: > 0 } keys ? Path.GetFullPath(keys, builder.Environment.ContentRootPath)
    : Path.Combine(Path.GetDirectoryName(database.FilePath)!, "keys");
if (keysFolder is null)
{
    dataProtection.PersistKeysToDbContext<DataProtectionKeysDb>();
}
else
{
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
}

var app = builder.Build();

var restoring = args.Contains(BackupCommands.Restore);
if (restoring && await app.RestoreAsync(database, args) is var refused and not 0)
{
    return refused;
}
if (!await app.PrepareDatabaseAsync(database, keysFolder, args))
{
    // Disposing flushes the console logger's queue, so the line saying what is wrong is never lost.
    await app.DisposeAsync();
    return 1;
}
if (args.Contains(FirstManagerCommand.Name))
{
    return await app.CreateFirstManagerAsync(args);
}
if (args.Contains(MoveToPostgreSqlCommand.Name))
{
    return await app.MoveToPostgreSqlAsync(args, keysFolder);
}
if (args.Contains(ImportCommand.Name))
{
    return await app.ImportAsync(args);
}
if (args.Contains(FiguresCheckCommand.Name) || restoring)
{
    return await app.CheckFiguresAsync();
}
if (args.Contains(EvaluateRecommendationsCommand.Name))
{
    return await app.EvaluateRecommendationsAsync(args);
}
if (args.Contains(BackupCommands.Backup))
{
    return await app.BackUpAsync();
}
// A restore run meanwhile would swap the file under the running app: it finds this held and refuses.
using var running = BackupCommands.HoldDatabase(database);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseSecurityHeaders();
app.UseMemberCardsLanguages();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiRequestErrors();
app.UseAuthentication();
app.UseAuthorization();
app.UseTwoFactorEnrolment();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapMemberCardsHealth();
app.MapMemberCardsMetrics();
app.MapLanguageEndpoints();
app.MapMemberCardsApi();

await app.RunAsync();
return 0;

public partial class Program;
