using MemberCards.Auditing;
using MemberCards.Import;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Import;

/// <summary>A manager saves a corrected mapping; the next file with those header names is mapped the same way.</summary>
public sealed class ImportColumnNamesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private ImportColumnNamesService ColumnNames => _db.Get<ImportColumnNamesService>();

    // An old system's export: its balance column is named in a way no built-in name knows.
    private static readonly string[] OldSystem = ["会员姓名", "联系电话", "卡内金额", "积分"];

    [Fact]
    public async Task The_headers_of_a_corrected_mapping_map_the_next_file_before_the_built_in_names()
    {
        var detected = ImportFields.Detect(ImportKind.Members, OldSystem);
        Assert.Equal(3, detected.ColumnOf(ImportField.Points));
        Assert.Null(detected.ColumnOf(ImportField.PrincipalBalance));
        var corrected = detected.With(ImportField.Name, 0).With(ImportField.Phone, 1).With(ImportField.PrincipalBalance, 2);

        var saved = await ColumnNames.SaveAsync(corrected, OldSystem, TestUsers.Manager, CancellationToken.None);

        Assert.True(saved.Succeeded);
        // The next export: the same names, other order, other spacing and case, and one more column.
        string[] next = ["积分", "卡内 金额", "备注", "联系电话", "会员姓名"];
        var loaded = await ColumnNames.LoadAsync(ImportKind.Members, TestUsers.Manager, CancellationToken.None);
        var mapping = ImportFields.Detect(ImportKind.Members, next, loaded);
        Assert.Equal(
            new Dictionary<ImportField, int> { [ImportField.Points] = 0, [ImportField.PrincipalBalance] = 1, [ImportField.Notes] = 2, [ImportField.Phone] = 3, [ImportField.Name] = 4 },
            mapping.Columns.OrderBy(c => c.Value).ToDictionary());
        Assert.Equal("manager@test", loaded!.SavedBy);
        Assert.Null(await ColumnNames.LoadAsync(ImportKind.Purchases, TestUsers.Manager, CancellationToken.None));
        await using var db = _db.Open();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ImportColumnsSaved && e.UserName == "manager@test"));
    }

    [Fact]
    public async Task A_saved_name_takes_its_column_from_a_built_in_name_and_saving_again_replaces_what_was_saved()
    {
        // This shop's "余额" column is its bonus balance.
        string[] headers = ["姓名", "手机号", "余额"];
        var bonus = ImportFields.Detect(ImportKind.Members, headers).With(ImportField.BonusBalance, 2);
        Assert.True((await ColumnNames.SaveAsync(bonus, headers, TestUsers.Manager, CancellationToken.None)).Succeeded);

        var mapping = ImportFields.Detect(ImportKind.Members, headers, await ColumnNames.LoadAsync(ImportKind.Members, TestUsers.Manager, CancellationToken.None));
        Assert.Equal(2, mapping.ColumnOf(ImportField.BonusBalance));
        Assert.Null(mapping.ColumnOf(ImportField.PrincipalBalance));

        var principal = ImportFields.Detect(ImportKind.Members, headers);
        Assert.True((await ColumnNames.SaveAsync(principal, headers, TestUsers.Manager, CancellationToken.None)).Succeeded);
        var again = ImportFields.Detect(ImportKind.Members, headers, await ColumnNames.LoadAsync(ImportKind.Members, TestUsers.Manager, CancellationToken.None));
        Assert.Equal(2, again.ColumnOf(ImportField.PrincipalBalance));
        Assert.Null(again.ColumnOf(ImportField.BonusBalance));
    }

    [Fact]
    public async Task A_mapping_with_no_column_is_refused_and_only_managers_save_or_read_the_names()
    {
        var empty = new ImportMapping(ImportKind.Members, new Dictionary<ImportField, int>());

        var refused = await ColumnNames.SaveAsync(empty, OldSystem, TestUsers.Manager, CancellationToken.None);

        Assert.Equal(MessageCode.ImportColumnNamesUnsaved, Assert.Single(refused.Errors).Code);
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() => ColumnNames.SaveAsync(ImportFields.Detect(ImportKind.Members, OldSystem), OldSystem, TestUsers.Staff, CancellationToken.None));
        await Assert.ThrowsAsync<MemberCards.Accounts.AccessDeniedException>(() => ColumnNames.LoadAsync(ImportKind.Members, TestUsers.Marketing, CancellationToken.None));
    }
}
