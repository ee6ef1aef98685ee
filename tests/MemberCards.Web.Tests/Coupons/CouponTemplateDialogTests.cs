using Bunit;
using MemberCards.Accounts;
using MemberCards.Coupons;
using MemberCards.Data;
using MemberCards.Products;
using MemberCards.Web.Components.Coupons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberCards.Web.Tests.Coupons;

/// <summary>The coupon template dialog over a real database: each refusal appears at its own field and nothing is saved; the fields follow the kind.</summary>
public sealed class CouponTemplateDialogTests : DatabaseTestContext
{
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override async Task SeedAsync()
    {
        Authorization.SetAuthorized("marketing@test");
        Authorization.SetRoles(Roles.Marketing);
        await Services.GetRequiredService<ProductService>().AddAsync(new ProductInput("Latte", "Coffee", 450), Access.System, CancellationToken.None);
        _popovers = Render<MudPopoverProvider>();
    }

    private IRenderedComponent<MudDialogProvider> Open(CouponTemplate? template = null)
    {
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => CouponTemplateDialog.ShowAsync(Services.GetRequiredService<IDialogService>(), Services.GetRequiredService<IStringLocalizer<CouponsText>>(), template));
        provider.WaitForAssertion(() => Assert.NotNull(Control(provider, "Name")));
        return provider;
    }

    private static AngleSharp.Dom.IElement? Control(IRenderedComponent<MudDialogProvider> provider, string label) =>
        provider.FindAll(".mud-input-control").SingleOrDefault(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static async Task Type(IRenderedComponent<MudDialogProvider> provider, string label, string value)
    {
        AngleSharp.Dom.IElement Input() => Control(provider, label)!.QuerySelector("input")!;
        if (label.EndsWith("day", StringComparison.Ordinal))
        {
            await provider.ChangeAsync(Input, value);
            return;
        }
        await provider.InputAsync(Input, value);
        await provider.BlurAsync(Input);
    }

    private async Task Pick(IRenderedComponent<MudDialogProvider> provider, string label, string item)
    {
        await provider.InvokeAsync(() => Control(provider, label)!.MouseDown());
        _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim().StartsWith(item, StringComparison.Ordinal)).Click());
    }

    private static Task Click(IRenderedComponent<MudDialogProvider> provider, string button) =>
        provider.ClickAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == button));

    private static void SaysAt(IRenderedComponent<MudDialogProvider> provider, string label, string message) =>
        provider.WaitForAssertion(() => Assert.Contains(message, Control(provider, label)!.TextContent, StringComparison.Ordinal));

    private async Task<List<CouponTemplate>> TemplatesAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<MemberCardsDb>>().CreateDbContextAsync();
        return await db.CouponTemplates.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task A_template_without_a_name_and_a_threshold_not_above_its_amount_is_refused_at_both_fields()
    {
        var provider = Open();

        await Type(provider, "Spend at least", "10");
        await Type(provider, "Amount off", "10");
        await Click(provider, "Create");

        SaysAt(provider, "Name", "Give the coupon a name.");
        SaysAt(provider, "Spend at least", "The threshold must be more than the amount off ($10.00).");
        Assert.Empty(await TemplatesAsync());
    }

    [Fact]
    public async Task Each_kind_shows_only_its_own_value_fields()
    {
        var provider = Open();
        Assert.NotNull(Control(provider, "Spend at least"));

        await Pick(provider, "Kind", "Voucher");
        provider.WaitForAssertion(() => Assert.NotNull(Control(provider, "Voucher amount")));
        Assert.Null(Control(provider, "Spend at least"));
        Assert.NotNull(Control(provider, "Products it applies to"));

        await Pick(provider, "Kind", "Free product");
        provider.WaitForAssertion(() => Assert.NotNull(Control(provider, "Free product")));
        Assert.Null(Control(provider, "Voucher amount"));
        Assert.Null(Control(provider, "Products it applies to"));
    }

    [Fact]
    public async Task A_percent_off_with_a_decimal_is_held_back_at_the_percent_and_a_whole_one_is_saved_with_its_cap()
    {
        var provider = Open();
        await Type(provider, "Name", "Weekend 20% off");
        await Pick(provider, "Kind", "Percent off");
        provider.WaitForAssertion(() => Assert.NotNull(Control(provider, "Percent off")));

        await Type(provider, "Percent off", "20.5");
        await Type(provider, "Most off", "4");
        await Click(provider, "Create");
        SaysAt(provider, "Percent off", "Enter a whole percent, such as 15.");
        Assert.Empty(await TemplatesAsync());

        await Type(provider, "Percent off", "20");
        await Click(provider, "Create");
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        var saved = Assert.Single(await TemplatesAsync());
        Assert.Equal((CouponKind.PercentOff, 20, 400L, 0L), (saved.Kind, saved.PercentOff, saved.CapMinor, saved.ThresholdMinor));
    }

    [Fact]
    public async Task Fixed_dates_ending_before_they_start_are_refused_at_the_last_day()
    {
        var provider = Open();
        await Type(provider, "Name", "Spring");
        await Type(provider, "Spend at least", "30");
        await Type(provider, "Amount off", "5");
        await provider.ClickAsync(() => provider.FindAll("input[type=radio]")[1]);
        provider.WaitForAssertion(() => Assert.NotNull(Control(provider, "Last day")));

        await Type(provider, "First day", "04/10/2027");
        await Type(provider, "Last day", "04/01/2027");
        await Click(provider, "Create");

        SaysAt(provider, "Last day", "The last day is before the first.");
        Assert.Empty(await TemplatesAsync());
    }

    [Fact]
    public async Task A_free_product_coupon_without_its_product_is_refused_at_the_product_and_saved_once_picked()
    {
        var provider = Open();
        await Type(provider, "Name", "Free latte");
        await Pick(provider, "Kind", "Free product");
        provider.WaitForAssertion(() => Assert.NotNull(Control(provider, "Free product")));

        await Click(provider, "Create");
        SaysAt(provider, "Free product", "Pick the product that is free.");

        await Pick(provider, "Free product", "Latte");
        await Click(provider, "Create");
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        Assert.Equal("Latte", (await Services.GetRequiredService<CouponTemplateService>().ListAsync(Access.System, CancellationToken.None)).Single().FreeProduct!.Name);
    }

    [Fact]
    public async Task Archiving_asks_first_and_then_stops_the_template()
    {
        var saved = await Services.GetRequiredService<CouponTemplateService>().SaveAsync(
            new CouponTemplateInput(0, 0, "Spend $30 get $5", CouponKind.AmountOff, ThresholdMinor: 3_000, AmountOffMinor: 500, ValidDays: 30), Access.System, CancellationToken.None);
        var provider = Open(saved.Value);

        await Click(provider, "Archive");
        provider.WaitForAssertion(() => Assert.Contains("Stop issuing Spend $30 get $5?", provider.Markup, StringComparison.Ordinal));
        await provider.ClickAsync(() => provider.FindAll(".mud-message-box button, .mud-dialog-actions button").Last(b => b.TextContent.Trim() == "Archive"));

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        Assert.NotNull(Assert.Single(await TemplatesAsync()).ArchivedAt);
    }
}
