using MemberCards.Accounts;
using MemberCards.Auditing;
using MemberCards.CardValue;
using MemberCards.Import;
using MemberCards.Members;
using MemberCards.Purchases;
using MemberCards.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Tests.Import;

/// <summary>Members with opening balances from the test files, in a Chinese shop (mainland mobiles, Asia/Shanghai), on both databases.</summary>
public sealed class MemberImportTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(timeZone: "Asia/Shanghai", region: "CN");

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private MemberImport Import => _db.Get<MemberImport>();

    private async Task<ImportReport> DryRunAsync(string file, DayMonthOrder order = DayMonthOrder.Unknown)
    {
        var table = ImportFiles.Table(file);
        var result = await Import.DryRunAsync(table, ImportFields.Detect(ImportKind.Members, table.Headers), ImportFiles.Options(order), TestUsers.Manager, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    private async Task<ImportReport> CommitAsync(string file)
    {
        var table = ImportFiles.Table(file);
        var result = await Import.CommitAsync(table, ImportFields.Detect(ImportKind.Members, table.Headers), ImportFiles.Options(), file, TestUsers.Manager, null, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    [Theory]
    [MemberData(nameof(SameMembers))]
    public async Task A_file_in_either_encoding_and_header_language_imports_members_with_their_opening_balances_tiers_and_cards(string file)
    {
        Assert.Equal((3, 0, 0, 0), Counts(await DryRunAsync(file)));
        await using (var before = _db.Open())
        {
            Assert.Equal(0, await before.Members.CountAsync());
        }

        Assert.Equal((3, 0, 0, 0), Counts(await CommitAsync(file)));

        await using var db = _db.Open();
        var zhang = await db.Members.Include(m => m.Tier).SingleAsync(m => m.Name == "张伟");
        Assert.Equal((ImportFiles.ZhangWeiCard, "13812345678", "zhangwei@example.cn", 123_450L, 10_000L, 2_000L), (zhang.CardNumber, zhang.Phone, zhang.Email, zhang.PrincipalMinor, zhang.BonusMinor, zhang.Points));
        Assert.Equal((TierPreset.Gold, true, "老会员"), (zhang.Tier!.Preset, zhang.MarketingOptIn, zhang.Notes));
        Assert.Equal(new DateTime(2024, 2, 29, 16, 0, 0, DateTimeKind.Utc), zhang.JoinedAt);
        var entry = await db.LedgerEntries.SingleAsync(e => e.MemberId == zhang.Id);
        Assert.Equal((LedgerKind.OpeningBalance, 123_450L, 10_000L, 2_000L, "manager@test"), (entry.Kind, entry.PrincipalDeltaMinor, entry.BonusDeltaMinor, entry.PointsDelta, entry.By));
        var lot = await db.PointsLots.SingleAsync(l => l.MemberId == zhang.Id);
        Assert.Equal((new DateOnly(2026, 12, 31), 2_000L, entry.Id), (lot.ExpiresOn, lot.RemainingPoints, lot.EntryId));

        var li = await db.Members.Include(m => m.Tier).SingleAsync(m => m.Name == "李娜");
        Assert.True(CardNumber.IsValid(li.CardNumber));
        Assert.Equal(TierPreset.Silver, li.Tier!.Preset);
        var old = await db.RetiredCards.SingleAsync(c => c.MemberId == li.Id);
        Assert.Equal(("A000123", CardRetirement.Imported), (old.CardNumber, old.Reason));
        Assert.Equal(li.Id, await MemberLookup.MemberIdForCardAsync(db, "A000123", CancellationToken.None));
        Assert.Equal(li.Id, Assert.Single(await _db.Get<MemberLookup>().FindAsync("A-000123", TestUsers.Staff, CancellationToken.None)).Id);

        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.MembersImported));
        Assert.Empty(await _db.Get<FiguresCheck>().FindMismatchesAsync(TestUsers.Manager, CancellationToken.None));
    }

    public static TheoryData<string> SameMembers => [.. ImportFiles.SameMembers];

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_the_other_encoding_of_it_matches_the_same_members()
    {
        await CommitAsync("members-zh-gbk.csv");

        Assert.Equal((0, 0, 3, 0), Counts(await CommitAsync("members-zh-gbk.csv")));
        Assert.Equal((0, 0, 3, 0), Counts(await CommitAsync("members-en-gb18030.csv")));

        await using var db = _db.Open();
        Assert.Equal(3, await db.Members.CountAsync());
        Assert.Equal(3, await db.LedgerEntries.CountAsync());
        Assert.Equal(1, await db.RetiredCards.CountAsync());
        Assert.Equal(2, await db.PointsLots.CountAsync());
    }

    [Fact]
    public async Task A_row_matched_by_phone_updates_that_member_and_keeps_what_its_empty_cells_do_not_say()
    {
        var existing = await _db.AddMemberAsync("王芳", phone: "13712345678", email: "wf@example.cn");

        var report = await CommitAsync("members-zh-gbk.csv");

        Assert.Equal((2, 1, 0, 0), Counts(report));
        await using var db = _db.Open();
        var member = await db.Members.SingleAsync(m => m.Id == existing);
        Assert.Equal(("wf@example.cn", 150L), (member.Email, member.Points));
    }

    [Fact]
    public async Task Every_bad_row_is_refused_with_its_column_value_and_message_and_the_good_ones_pass()
    {
        var report = await DryRunAsync("members-bad.csv");

        Assert.Equal((2, 0, 0), (report.Created, report.Updated, report.Unchanged));
        var errors = report.Errors.ToDictionary(e => e.Row);
        Assert.Equal(12, report.Refused);
        Assert.Equal(("Joined", "03/01/2026", MessageCode.ImportDateAmbiguous), Said(errors[3]));
        Assert.Equal(("Balance", "-50", MessageCode.ImportAmountNegative), Said(errors[4]));
        Assert.Equal(("Balance", "12.345", MessageCode.ImportAmountInvalid), Said(errors[5]));
        Assert.Equal(("Phone", "13800000001", MessageCode.ImportDuplicatePhone), Said(errors[6]));
        Assert.Equal(2, errors[6].Error.Args[0]);
        Assert.Equal(("", "", MessageCode.ImportDuplicateRow), Said(errors[7]));
        Assert.Equal(("Email", "=HYPERLINK(\"http://evil.example\",\"x\")", MessageCode.EmailInvalid), Said(errors[8]));
        Assert.Equal(MessageCode.ImportCellTooLong, errors[9].Error.Code);
        Assert.Equal(ImportError.ValueShown + 1, errors[9].Value.Length);
        Assert.Equal(("Tier", "Diamond", MessageCode.ImportTierUnknown), Said(errors[10]));
        Assert.Equal(("Joined", "2026-13-45", MessageCode.ImportDateInvalid), Said(errors[11]));
        Assert.Equal(("Phone", "12345", MessageCode.PhoneNotChineseMobile), Said(errors[12]));
        Assert.Equal(("Name", "", MessageCode.MemberNameRequired), Said(errors[13]));
        Assert.Equal(("Joined", "2027-01-01", MessageCode.ImportDateInFuture), Said(errors[15]));
        Assert.DoesNotContain(14, errors.Keys);
        await using var db = _db.Open();
        Assert.Equal(0, await db.Members.CountAsync());
    }

    [Fact]
    public async Task Picking_the_day_month_order_accepts_the_ambiguous_date()
    {
        var report = await DryRunAsync("members-bad.csv", DayMonthOrder.DayFirst);

        Assert.DoesNotContain(report.Errors, e => e.Row == 3);
    }

    [Fact]
    public async Task A_commit_writes_the_rows_that_pass_and_leaves_out_the_refused()
    {
        var report = await CommitAsync("members-bad.csv");

        Assert.Equal((2, 12), (report.Created, report.Refused));
        await using var db = _db.Open();
        Assert.Equal(["Good Person", "Jo Yuan"], await db.Members.OrderBy(m => m.Id).Select(m => m.Name).ToListAsync());
        Assert.Equal(8_800, await db.Members.Where(m => m.Name == "Jo Yuan").Select(m => m.PrincipalMinor).SingleAsync());
    }

    [Fact]
    public async Task A_commit_that_fails_part_way_leaves_the_database_as_it_was()
    {
        await _db.FailWritesAsync("fail_openings", "PointsLots", "INSERT");

        await Assert.ThrowsAnyAsync<Exception>(() => CommitAsync("members-zh-gbk.csv"));

        await using var db = _db.Open();
        Assert.Equal((0, 0, 0), (await db.Members.CountAsync(), await db.LedgerEntries.CountAsync(), await db.AuditEntries.CountAsync(a => a.Action == AuditActions.MembersImported)));
    }

    [Fact]
    public async Task A_cancelled_commit_writes_nothing_and_staff_may_not_import()
    {
        var table = ImportFiles.Table("members-zh-gbk.csv");
        var mapping = ImportFields.Detect(ImportKind.Members, table.Headers);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Import.CommitAsync(table, mapping, ImportFiles.Options(), "f.csv", TestUsers.Manager, null, new CancellationToken(true)));
        await Assert.ThrowsAnyAsync<AccessDeniedException>(() => Import.DryRunAsync(table, mapping, ImportFiles.Options(), TestUsers.Staff, CancellationToken.None));

        await using var db = _db.Open();
        Assert.Equal(0, await db.Members.CountAsync());
    }

    [Fact]
    public async Task A_second_file_with_another_opening_balance_for_an_imported_member_is_refused_at_that_row()
    {
        await CommitAsync("members-zh-gbk.csv");
        var changed = new ImportTable(["卡号", "姓名", "余额"], [new ImportRow(2, [ImportFiles.ZhangWeiCard, "张伟", "99"])]);

        var report = await Import.DryRunAsync(changed, ImportFields.Detect(ImportKind.Members, changed.Headers), ImportFiles.Options(), TestUsers.Manager, CancellationToken.None);

        var error = Assert.Single(report.Value!.Errors);
        Assert.Equal((MessageCode.ImportOpeningBalanceDiffers, "余额"), (error.Error.Code, error.Column));
    }

    private static (int Created, int Updated, int Unchanged, int Refused) Counts(ImportReport report) => (report.Created, report.Updated, report.Unchanged, report.Refused);

    private static (string Column, string Value, MessageCode Code) Said(ImportError error) => (error.Column, error.Value, error.Error.Code);
}
