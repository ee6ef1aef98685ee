using MemberCards.Products;
using MemberCards.Purchases;

namespace MemberCards.Import;

/// <summary>One line of a purchase history file, read: when, whose (by card number, then phone), which receipt, and the line.</summary>
internal sealed record PurchaseDraft(int Row, DateTime PurchasedAt, int MemberId, string? Receipt, NewPurchaseLine Line)
{
    public static PurchaseDraft? Read(ImportCells cells, StoreClock clock, MemberBook members, IReadOnlyDictionary<string, Product> products)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(products);
        var at = cells.Date(ImportField.PurchasedAt) is { } local ? clock.ToUtc(local) : (DateTime?)null;
        if (at > clock.UtcNow)
        {
            cells.Refuse(ImportField.PurchasedAt, MessageCode.ImportDateInFuture);
        }
        var card = cells.Text(ImportField.CardNumber) is { } typed ? Members.CardNumber.Normalize(typed) : null;
        var phone = cells.Text(ImportField.Phone) is { } written ? Members.PhoneNumber.Normalize(written) : null;
        int? memberId = card is not null && members.ByCard.TryGetValue(card, out var byCard) ? byCard
            : phone is not null && members.ByPhone.TryGetValue(phone, out var byPhone) ? byPhone
            : null;
        if (memberId is null)
        {
            var field = card is not null || phone is null ? ImportField.CardNumber : ImportField.Phone;
            cells.Refuse(field, card is null && phone is null ? MessageCode.ImportMemberMissing : MessageCode.ImportMemberUnknown);
        }
        Product? product = null;
        if (cells.Text(ImportField.Product) is { } named && !products.TryGetValue(named.ToLowerInvariant(), out product))
        {
            cells.Refuse(ImportField.Product, MessageCode.ImportProductUnknown, named);
        }
        var quantity = cells.Count(ImportField.Quantity);
        if (quantity is not null and (< 1 or > PurchaseRules.MaxQuantity))
        {
            cells.Refuse(ImportField.Quantity, MessageCode.ImportQuantityInvalid, PurchaseRules.MaxQuantity);
        }
        var price = cells.Money(ImportField.UnitPrice);
        var receipt = cells.Text(ImportField.Receipt);
        if (cells.Errors.Count > 0 || at is null || product is null || quantity is null)
        {
            return null;
        }
        return new PurchaseDraft(cells.Row.Number, at.Value, memberId!.Value, receipt, new NewPurchaseLine(product.Id, (int)quantity.Value, price));
    }
}
