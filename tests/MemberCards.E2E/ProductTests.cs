using static Microsoft.Playwright.Assertions;

namespace MemberCards.E2E;

[Collection(nameof(BrowserTests))]
public sealed class ProductTests(BrowserFixture app)
{
    [Fact]
    public async Task A_manager_adds_a_product_that_staff_can_then_sell_but_staff_cannot_open_the_catalog()
    {
        var name = $"Hot Chocolate {Guid.NewGuid():N}"[..20];
        var manager = await app.NewSignedInPageAsync("manager@demo.test");
        var problems = BrowserProblems.Watch(manager);
        await Expect(manager.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Products" })).ToBeVisibleAsync();
        await manager.GotoAsync("/products");
        await Expect(manager.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(manager.GetByRole(AriaRole.Row).Filter(new() { HasText = "Espresso" })).ToBeVisibleAsync();

        await manager.GetByRole(AriaRole.Button, new() { Name = "Add product" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Category").FillAsync("Beverages");
        await dialog.GetByLabel("Unit price").FillAsync("-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add product" }).ClickAsync();
        await Expect(dialog.GetByText("The unit price cannot be negative: enter 0 or more.")).ToBeVisibleAsync();
        await dialog.GetByLabel("Unit price").FillAsync("3.75");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add product" }).ClickAsync();

        await Expect(manager.GetByText($"{name} added to the catalog.")).ToBeVisibleAsync();
        var row = manager.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Beverages");
        await Expect(row).ToContainTextAsync("$3.75");
        await Expect(row).ToContainTextAsync("Active");
        await Screenshots.SaveAsync(manager, "products.png");
        Assert.Empty(problems.Seen);
        await manager.Context.CloseAsync();

        var staff = await app.NewSignedInPageAsync("staff@demo.test");
        await Expect(staff.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).Not.ToContainTextAsync("Products");
        await staff.GotoAsync("/products");
        await Expect(staff.GetByText("No access")).ToBeVisibleAsync();
        await staff.Context.CloseAsync();
    }
}
