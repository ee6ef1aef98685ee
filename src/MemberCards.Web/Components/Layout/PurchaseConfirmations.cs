using System.Globalization;
using System.Security.Claims;
using MemberCards.Purchases;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace MemberCards.Web.Components.Layout;

/// <summary>
/// Makes sure staff learn what became of a purchase whose answer may have been lost with the connection. A saved
/// purchase is confirmed by a snackbar that lives a few seconds on the server: an outage longer than that (the save
/// reached the server, its answer did not reach the browser) closed the dialog and expired the snackbar unseen.
/// So each save in flight, or confirmed shortly before the connection dropped, is looked up by its idempotency key
/// when the connection comes back and said again in a snackbar that stays until closed. The entry dialog also
/// leaves its key in the tab's sessionStorage until it closes, so a reload (a new circuit) asks the same question.
/// </summary>
public sealed class PurchaseConfirmations(
    PurchaseSearch purchases, ISnackbar snackbar, IJSRuntime js, StoreFormat format, TimeProvider time, IStringLocalizer<LayoutText> text,
    ILogger<PurchaseConfirmations> logger)
    : CircuitHandler
{
    public const string StorageKey = "memberCards.purchaseInEntry";

    // Longer than a snackbar is shown: a confirmation shown this long before the drop may not have been read.
    private static readonly TimeSpan Unseen = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Save> _saves = [];
    private DateTimeOffset? _downSince;

    // The circuit's language, taken when it starts: connection events may arrive on threads of another culture.
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    private sealed record Save(ClaimsPrincipal User, DateTimeOffset? ConfirmedAt);

    private string Recorded(PurchaseDetails purchase) => InCircuitLanguage(() =>
        text["PurchaseRecordedReceipt", purchase.Id, format.Money(purchase.TotalMinor), purchase.MemberName]);

    private string InCircuitLanguage(Func<string> say)
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _culture);
        return say();
    }

    /// <summary>The dialog is about to save with this key.</summary>
    public void Saving(Guid key, ClaimsPrincipal user)
    {
        lock (_lock)
        {
            _saves[key] = new Save(user, null);
        }
    }

    /// <summary>The dialog showed the outcome of its save (or a refusal, which keeps the dialog open with its basket).</summary>
    public void Answered(Guid key)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_saves.TryGetValue(key, out var save))
            {
                _saves[key] = save with { ConfirmedAt = now };
            }
            // A shift records hundreds: the ones answered long before any drop need no second word.
            foreach (var old in _saves.Where(s => s.Value.ConfirmedAt is { } at && at < (_downSince ?? now) - Unseen).ToList())
            {
                _saves.Remove(old.Key);
            }
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _downSince ??= time.GetUtcNow();
        }
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        List<(Guid Key, Save Save)> unsure;
        lock (_lock)
        {
            if (_downSince is not { } down)
            {
                return Task.CompletedTask;
            }
            _downSince = null;
            unsure = [.. _saves.Where(s => s.Value.ConfirmedAt is null || s.Value.ConfirmedAt > down - Unseen).Select(s => (s.Key, s.Value))];
            foreach (var old in _saves.Where(s => s.Value.ConfirmedAt is { } at && at <= down - Unseen).ToList())
            {
                _saves.Remove(old.Key);
            }
        }
        // Not awaited: the browser finishes reconnecting only after this handler returns, and the check talks to it.
        ReconnectCheck = ConfirmAsync(unsure);
        return Task.CompletedTask;
    }

    /// <summary>The look-ups started by the last reconnect (they never throw: a failure is logged).</summary>
    public Task ReconnectCheck { get; private set; } = Task.CompletedTask;

    private async Task ConfirmAsync(List<(Guid Key, Save Save)> unsure)
    {
        try
        {
            foreach (var (key, save) in unsure)
            {
                // Not found: the save never reached the server or was refused; the dialog is still open with its basket.
                if (await purchases.FindByKeyAsync(key, save.User, CancellationToken.None) is { } purchase)
                {
                    Say(Recorded(purchase));
                    lock (_lock)
                    {
                        _saves.Remove(key);
                    }
                    await ForgetInBrowserAsync(key);
                }
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not confirm the purchases saved around a dropped connection");
        }
    }

    /// <summary>After a (re)load: the key a dialog left in this tab, if any, looked up and said.</summary>
    public async Task ReportPurchaseLeftInEntryAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var left = await js.InvokeAsync<string?>("sessionStorage.getItem", cancellationToken, StorageKey);
        if (!Guid.TryParse(left, out var key))
        {
            return;
        }
        await js.InvokeVoidAsync("sessionStorage.removeItem", cancellationToken, StorageKey);
        if (await purchases.FindByKeyAsync(key, user, cancellationToken) is { } purchase)
        {
            Say(Recorded(purchase));
        }
        else
        {
            snackbar.Add(InCircuitLanguage(() => text["NotRecordedAfterReload"]), Severity.Warning, o => o.RequireInteraction = true);
        }
    }

    /// <summary>Called by the dialog when it opens (the key it will save with) and when it goes away (null).</summary>
    public async Task RememberInBrowserAsync(Guid? key)
    {
        // Without a connection the call is lost and would wait for its answer for a minute: a reload or reconnect
        // deals with the key left behind.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await (key is { } k
                ? js.InvokeVoidAsync("sessionStorage.setItem", timeout.Token, StorageKey, k.ToString())
                : js.InvokeVoidAsync("sessionStorage.removeItem", timeout.Token, StorageKey));
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
        }
    }

    private async Task ForgetInBrowserAsync(Guid key)
    {
        try
        {
            var left = await js.InvokeAsync<string?>("sessionStorage.getItem", StorageKey);
            if (left == key.ToString())
            {
                await js.InvokeVoidAsync("sessionStorage.removeItem", StorageKey);
            }
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // Gone again: a reload will look the key up once more and say the same.
        }
    }

    private void Say(string message) => snackbar.Add(message, Severity.Success, o => o.RequireInteraction = true);
}
