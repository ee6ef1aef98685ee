using MemberCards.Auditing;
using MemberCards.Import;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Import;

/// <summary>Purchase history in GBK with Chinese headers, for the members of members-zh-gbk.csv, on both databases.</summary>
public sealed class PurchaseHistoryImportTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(timeZone: "Asia/Shanghai", region: "CN");
        await _db.AddProductAsync("拿铁", 3_000);
        await _db.AddProductAsync("美式", 2_500);
        var members = ImportFiles.Table("members-zh-gbk.csv");
        var imported = await _db.Get<MemberImport>().CommitAsync(members, ImportFields.Detect(ImportKind.Members, members.Headers), ImportFiles.Options(), "m.csv",
            TestUsers.Manager, null, CancellationToken.None);
        Assert.True(imported.Succeeded);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private PurchaseHistoryImport Import => _db.Get<PurchaseHistoryImport>();

    private static readonly ImportTable History = ImportFiles.Table("purchases-zh-gbk.csv");

    private static ImportMapping Mapping => ImportFields.Detect(ImportKind.Purchases, History.Headers);

    [Fact]
    public async Task Lines_of_one_receipt_become_one_purchase_for_the_member_found_by_card_or_phone_and_bad_rows_say_why()
    {
        var dryRun = (await Import.DryRunAsync(History, Mapping, ImportFiles.Options(), TestUsers.Manager, CancellationToken.None)).Value!;

        Assert.Equal((2, 3), (dryRun.Created, dryRun.Refused));
        Assert.Equal([(5, "手机号", MessageCode.ImportMemberUnknown), (6, "商品", MessageCode.ImportProductUnknown), (7, "数量", MessageCode.ImportQuantityInvalid)],
            dryRun.Errors.Select(e => (e.Row, e.Column, e.Error.Code)));
        await using (var before = _db.Open())
        {
            Assert.Equal(0, await before.Purchases.CountAsync());
        }

        var committed = await Import.CommitAsync(History, Mapping, ImportFiles.Options(), "purchases-zh-gbk.csv", TestUsers.Manager, null, CancellationToken.None);

        Assert.Equal(2, committed.Value!.Created);
        await using var db = _db.Open();
        var zhang = await db.Members.SingleAsync(m => m.CardNumber == ImportFiles.ZhangWeiCard);
        var purchases = await db.Purchases.Include(p => p.Lines).OrderBy(p => p.PurchasedAt).ToListAsync();
        Assert.Equal(2, purchases.Count);
        Assert.Equal((zhang.Id, new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc), 2), (purchases[0].MemberId, purchases[0].PurchasedAt, purchases[0].Lines.Count));
        Assert.Equal(1, zhang.PurchaseCount);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.PurchasesImported && a.EntityId == History.Fingerprint));
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_file_again_is_refused_since_it_would_add_its_purchases_twice()
    {
        await Import.CommitAsync(History, Mapping, ImportFiles.Options(), "p.csv", TestUsers.Manager, null, CancellationToken.None);

        var again = await Import.DryRunAsync(History, Mapping, ImportFiles.Options(), TestUsers.Manager, CancellationToken.None);
        var commitAgain = await Import.CommitAsync(History, Mapping, ImportFiles.Options(), "p.csv", TestUsers.Manager, null, CancellationToken.None);

        Assert.Equal(MessageCode.ImportFileAlreadyImported, Assert.Single(again.Errors).Code);
        Assert.Equal(MessageCode.ImportFileAlreadyImported, Assert.Single(commitAgain.Errors).Code);
        await using var db = _db.Open();
        Assert.Equal(2, await db.Purchases.CountAsync());
    }

    [Fact]
    public async Task A_file_without_a_product_column_is_refused_until_one_is_chosen()
    {
        var result = await Import.DryRunAsync(History, Mapping.With(ImportField.Product, null), ImportFiles.Options(), TestUsers.Manager, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((MessageCode.ImportColumnMissing, nameof(ImportField.Product)), (error.Code, error.Field));
    }
}
