using System.Globalization;
using MemberCards.Web.Components.Auditing;

namespace MemberCards.Web.Tests.Auditing;

public sealed class AuditDetailsTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public void Amounts_in_minor_units_read_as_money_for_product_and_purchase_entries()
    {
        Assert.Equal("UnitPrice: $4.50 → $5.00", AuditDetails.Describe("""{"UnitPriceMinor":[450,500]}""", English));
        Assert.Equal("Name: Latte; Category: Coffee; UnitPrice: $4.50",
            AuditDetails.Describe("""{"Name":"Latte","Category":"Coffee","UnitPriceMinor":450}""", English));
        Assert.Equal("MemberId: 7; Total: $12.25; Lines: 2", AuditDetails.Describe("""{"memberId":7,"totalMinor":1225,"lines":2}""", English));
    }
}
