using MemberCards;
using MemberCards.Data;
using MemberCards.Web;
using MemberCards.Web.Components;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<MemberCardsOptions>()
    .Bind(builder.Configuration.GetSection(MemberCardsOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
var database = DataLocation.Resolve(builder.Configuration.GetConnectionString("MemberCards"), builder.Environment.ContentRootPath);
builder.Services.AddMemberCards(database.ConnectionString);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSingleton<StoreFormat>();

var app = builder.Build();

if (!await app.PrepareDatabaseAsync(database))
{
    // Disposing flushes the console logger's queue, so the line saying what is wrong is never lost.
    await app.DisposeAsync();
    return 1;
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

public partial class Program;
