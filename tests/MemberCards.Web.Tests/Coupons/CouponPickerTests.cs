using System.Globalization;
using AngleSharp.Dom;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Purchases;
using MemberCards.Web.Components.Purchases;
using MemberCards.Web.Tests.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MemberCards.Web.Tests.Coupons;

/// <summary>The coupons in the purchase dialog (<see cref="CouponPickerScenario"/>), signed in as staff.</summary>
public sealed class CouponPickerTests : DatabaseTestContext
{
    private CouponPickerScenario _ada = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    protected override async Task SeedAsync()
    {
        _ada = await CouponPickerScenario.SeedAsync(Services);
        Authorization.SetAuthorized("staff@test");
        Authorization.SetRoles(MemberCards.Accounts.Roles.Staff);
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private Task<RecordedPurchase?> Open()
    {
        Task<RecordedPurchase?> result = null!;
        var member = new PurchaseMember(_ada.MemberId, "Ada Lovelace", _ada.CardNumber);
        _dialogs.InvokeAsync(() => { result = PurchaseDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), member); }).GetAwaiter().GetResult();
        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal(3, _dialogs.FindComponent<PurchaseLines>().Instance.Catalog.Count);
            Assert.Equal(5, Rows().Count);
        });
        return result;
    }

    private void Pick(string product) => ProductPicking.Pick(_dialogs, _popovers, product);

    private IElement Input(string label)
    {
        var id = _dialogs.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return _dialogs.Find($"#{id}");
    }

    private IReadOnlyList<IElement> Rows() => _dialogs.FindAll("[role=group][aria-label^='Coupon ']");

    private IElement Row(string name) => _dialogs.Find($"[role=group][aria-label='Coupon {name}']");

    private IElement Box(string name) => Row(name).QuerySelector("input[type=checkbox]")!;

    // Once the list is priced for the basket as it is now (a coupon it can't use is disabled), the way a cashier waits for it.
    private void Toggle(string name)
    {
        _dialogs.WaitForAssertion(() => Assert.False(Box(name).HasAttribute("disabled")));
        _dialogs.InvokeAsync(() => Box(name).Change(!Box(name).HasAttribute("checked"))).GetAwaiter().GetResult();
    }

    private void TypeCode(string code)
    {
        _dialogs.InvokeAsync(() => Input("Coupon code").Input(code)).GetAwaiter().GetResult();
        _dialogs.KeyDownAsync(() => Input("Coupon code"), "Enter").GetAwaiter().GetResult();
    }

    private string? CodeError() => Input("Coupon code").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() is { Length: > 0 } error ? error : null;

    private static string Text(IElement element) => System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    // The texts a reader sees one after another, blocks apart (TextContent runs them together).
    private static string Words(IElement element) => string.Join(" ", element.Descendants<IText>().Select(t => t.Data.Trim()).Where(t => t.Length > 0));

    private string Total() => Text(_dialogs.Find("[role=status][aria-label=Total]"));

    private string ValidTo => _ada.Today.AddDays(29).ToString("d", CultureInfo.CurrentCulture);

    [Fact]
    public void Usable_coupons_come_first_best_saving_first_and_the_unusable_ones_are_greyed_with_why()
    {
        Open();

        Pick("Croissant");

        var tomorrow = _ada.Today.AddDays(1).DayOfWeek.ToString();
        _dialogs.WaitForAssertion(() => Assert.Equal(
            [
                $"$20 voucher Voucher saves $3.20, $16.80 unused valid until {ValidTo}",
                $"$1 voucher Voucher saves $1.00 valid until {ValidTo}",
                $"$2 off $10 Amount off over a threshold Needs $6.80 more: it applies from $10.00. valid until {ValidTo}",
                $"Free latte Free product Add Latte to use it. Add Latte and use it valid until {ValidTo}",
                $"10% off tomorrow Percent off Not valid today: next valid on {tomorrow}. valid until {ValidTo}",
            ],
            Rows().Select(Words)));
        Assert.False(Box("$20 voucher").HasAttribute("disabled"));
        Assert.True(Box("$2 off $10").HasAttribute("disabled"));
        Assert.True(Box("10% off tomorrow").HasAttribute("disabled"));
    }

    [Fact]
    public void The_list_is_priced_again_as_lines_change()
    {
        Open();
        Pick("Croissant");
        _dialogs.WaitForAssertion(() => Assert.Contains("Needs $6.80 more", Text(Row("$2 off $10")), StringComparison.Ordinal));

        Pick("Sandwich");

        _dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("saves $2.00", Text(Row("$2 off $10")), StringComparison.Ordinal);
            Assert.Equal("$2 off $10", Text(Rows()[1]).Split(" Amount")[0]);
        });
    }

    [Fact]
    public async Task A_chosen_coupon_comes_off_the_total_a_second_one_takes_its_place_and_saving_redeems_it()
    {
        var result = Open();
        Pick("Croissant");
        Pick("Sandwich");

        Toggle("$1 voucher");
        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal("Total $10.20", Total());
            Assert.Equal("Coupon −$1.00", Text(_dialogs.Find("[aria-label='Coupon discount']")));
        });
        Toggle("$2 off $10");
        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal("Total $9.20", Total());
            Assert.False(Box("$1 voucher").HasAttribute("checked"));
            Assert.True(Box("$2 off $10").HasAttribute("checked"));
        });
        await _dialogs.InvokeAsync(() => _dialogs.FindAll("button").Single(b => b.TextContent.Contains("Save purchase", StringComparison.Ordinal)).Click());
        var recorded = await result.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(920, recorded!.TotalMinor);
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        var coupon = await db.Coupons.SingleAsync(c => c.Code == _ada.Codes["$2 off $10"]);
        Assert.Equal((CouponState.Redeemed, recorded.PurchaseId, 200L), (coupon.State, coupon.PurchaseId, coupon.DiscountMinor));
        Assert.Equal(CouponState.Issued, (await db.Coupons.SingleAsync(c => c.Code == _ada.Codes["$1 voucher"])).State);
    }

    [Fact]
    public void A_coupon_worth_more_than_the_basket_says_before_saving_that_the_rest_is_forfeited()
    {
        Open();
        Pick("Croissant");

        Toggle("$20 voucher");

        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal("Total $0.00", Total());
            Assert.Equal("The coupon is worth $16.80 more than the items it applies to: the rest is forfeited when you save.",
                Text(_dialogs.Find("[aria-label='Coupon value forfeited']")));
        });
    }

    [Fact]
    public async Task A_free_product_coupon_adds_its_product_in_one_click_and_makes_it_free()
    {
        _ = Open();
        Pick("Croissant");
        _dialogs.WaitForAssertion(() => Assert.Contains("Add Latte to use it.", Text(Row("Free latte")), StringComparison.Ordinal));

        await _dialogs.ClickAsync(() => Row("Free latte").QuerySelectorAll("button").Single(b => b.TextContent.Contains("Add Latte and use it", StringComparison.Ordinal)));

        _dialogs.WaitForAssertion(() =>
        {
            Assert.True(Box("Free latte").HasAttribute("checked"));
            Assert.Equal("List $4.50 Coupon −$4.50 $0.00", Words(_dialogs.Find("[aria-label='Amounts, line 2']")));
            Assert.Equal("Total $3.20", Total());
        });
    }

    [Fact]
    public void A_typed_code_with_a_wrong_check_digit_is_refused_at_the_field_and_a_good_one_is_applied()
    {
        Open();
        Pick("Sandwich");
        var code = _ada.Codes["$1 voucher"];
        var mistyped = code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));

        TypeCode(mistyped);

        _dialogs.WaitForAssertion(() =>
        {
            Assert.Equal("This code's check digit doesn't match: a digit was mistyped or two were swapped.", CodeError());
            Assert.Equal("Total $8.00", Total());
        });

        TypeCode(CouponCode.Format(code));

        _dialogs.WaitForAssertion(() =>
        {
            Assert.True(Box("$1 voucher").HasAttribute("checked"));
            Assert.Equal("Total $7.00", Total());
            Assert.Null(CodeError());
        });
    }
}
