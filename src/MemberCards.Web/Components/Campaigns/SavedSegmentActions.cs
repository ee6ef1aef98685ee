using System.Security.Claims;
using MemberCards.Campaigns;
using MemberCards.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberCards.Web.Components.Campaigns;

/// <summary>
/// The Campaigns page's saved-segment commands: the list, the segment opened, and save/rename/duplicate/delete with
/// their dialogs and messages. Lives as long as the page; every call goes through <see cref="SavedSegmentService"/>.
/// </summary>
public sealed class SavedSegmentActions(SavedSegmentService saved, IDialogService dialogs, ISnackbar snackbar, Messages messages, IStringLocalizer<CampaignsText> texts, ClaimsPrincipal user)
{
    public IReadOnlyList<SavedSegmentRow> List { get; private set; } = [];
    public OpenedSegment? Opened { get; private set; }
    public bool Busy { get; private set; }

    public async Task ReloadAsync() => List = await saved.ListAsync(user, CancellationToken.None);

    public void Close() => Opened = null;

    /// <summary>Opens a saved segment; returns its criteria, or null (with a message) when it can't be read.</summary>
    public async Task<SegmentCriteria?> OpenAsync(SavedSegmentRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var result = await saved.OpenAsync(row.Id, user, CancellationToken.None);
        Report(result.Errors, null);
        Opened = result.Value ?? Opened;
        return result.Value?.Criteria;
    }

    public Task SaveAsNewAsync(SegmentCriteria criteria) =>
        AskNameAsync(texts["SaveAs"], "", name => saved.CreateAsync(name, criteria, user, CancellationToken.None), "SavedNamed");

    public Task UpdateAsync(SegmentCriteria criteria) =>
        RunAsync(() => saved.UpdateAsync(Opened!.Id, Opened.Version, criteria, user, CancellationToken.None), texts["SavedNamed", Opened!.Name]);

    public Task RenameAsync(SavedSegmentRow row) =>
        AskNameAsync(texts["RenameNamed", row.Name], row.Name, name => saved.RenameAsync(row.Id, row.Version, name, user, CancellationToken.None), "RenamedTo");

    public Task DuplicateAsync(SavedSegmentRow row) =>
        AskNameAsync(texts["DuplicateNamed", row.Name], texts["CopyOf", row.Name], name => saved.DuplicateAsync(row.Id, name, user, CancellationToken.None), "SavedNamed");

    public async Task DeleteAsync(SavedSegmentRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (await dialogs.ShowMessageBoxAsync(texts["DeleteSegment"], texts["DeleteQuestion", row.Name], texts["Delete"], cancelText: texts["Cancel"]) != true)
        {
            return;
        }
        await RunAsync(async () =>
        {
            var result = await saved.DeleteAsync(row.Id, row.Version, user, CancellationToken.None);
            return result.Succeeded ? Result<OpenedSegment>.Ok(null!) : Result<OpenedSegment>.Refused(result.Errors);
        }, texts["DeletedNamed", row.Name]);
        if (Opened?.Id == row.Id)
        {
            Opened = null;
        }
    }

    /// <param name="doneKey">The text said after saving, with the saved name as {0}.</param>
    private async Task AskNameAsync(string title, string name, Func<string, Task<Result<OpenedSegment>>> save, string doneKey)
    {
        var parameters = new DialogParameters<SegmentNameDialog>
        {
            { d => d.Name, name },
            {
                d => d.OnSave, async (string chosen) =>
                {
                    var result = await save(chosen);
                    if (result.Succeeded)
                    {
                        Opened = result.Value;
                        snackbar.Add(texts[doneKey, result.Value!.Name], Severity.Success);
                    }
                    return result.Errors;
                }
            },
        };
        var dialog = await dialogs.ShowAsync<SegmentNameDialog>(title, parameters);
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task RunAsync(Func<Task<Result<OpenedSegment>>> action, string done)
    {
        if (Busy)
        {
            return;
        }
        try
        {
            Busy = true;
            var result = await action();
            Opened = result.Succeeded && result.Value is not null ? result.Value : Opened;
            Report(result.Errors, done);
            await ReloadAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    private void Report(IReadOnlyList<FieldError> errors, string? done)
    {
        if (errors.Count > 0)
        {
            snackbar.Add(messages.Say(errors[0]), Severity.Error);
        }
        else if (done is not null)
        {
            snackbar.Add(done, Severity.Success);
        }
    }
}
