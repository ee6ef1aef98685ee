namespace MemberCards.Import;

public enum ImportKind
{
    Members,
    Purchases,
}

/// <summary>What a column of an import file holds; the UI names each in the user's language.</summary>
public enum ImportField
{
    CardNumber,
    Name,
    Phone,
    Email,
    Tier,
    MarketingOptIn,
    MarketingOptInAt,
    Notes,
    JoinedAt,
    PrincipalBalance,
    BonusBalance,
    Points,
    PointsExpireOn,
    PurchasedAt,
    Receipt,
    Product,
    Quantity,
    UnitPrice,
}

/// <summary>
/// Which fields each kind of file has, which of them a file must map, and the header names (Chinese and English, as
/// other systems and people write them) that map a column without asking.
/// </summary>
public static class ImportFields
{
    public static IReadOnlyList<ImportField> Of(ImportKind kind) => kind == ImportKind.Members
        ?
        [
            ImportField.CardNumber, ImportField.Name, ImportField.Phone, ImportField.Email, ImportField.Tier, ImportField.MarketingOptIn,
            ImportField.MarketingOptInAt, ImportField.Notes, ImportField.JoinedAt, ImportField.PrincipalBalance, ImportField.BonusBalance,
            ImportField.Points, ImportField.PointsExpireOn,
        ]
        : [ImportField.PurchasedAt, ImportField.CardNumber, ImportField.Phone, ImportField.Receipt, ImportField.Product, ImportField.Quantity, ImportField.UnitPrice];

    /// <summary>A members file needs names; a purchases file needs a date, a product and a quantity (the member by card or phone is checked per row).</summary>
    public static IReadOnlyList<ImportField> Required(ImportKind kind) => kind == ImportKind.Members
        ? [ImportField.Name]
        : [ImportField.PurchasedAt, ImportField.Product, ImportField.Quantity];

    private static readonly Dictionary<ImportField, string[]> Headers = new()
    {
        [ImportField.CardNumber] = ["卡号", "会员卡号", "会员号", "card", "cardnumber", "cardno", "membercard", "memberno"],
        [ImportField.Name] = ["姓名", "名字", "会员姓名", "客户姓名", "name", "membername", "fullname"],
        [ImportField.Phone] = ["手机号", "手机", "手机号码", "电话", "联系电话", "phone", "mobile", "phonenumber", "tel"],
        [ImportField.Email] = ["邮箱", "电子邮箱", "电子邮件", "email", "mail"],
        [ImportField.Tier] = ["等级", "会员等级", "级别", "tier", "level", "membertier"],
        [ImportField.MarketingOptIn] = ["接受营销", "营销许可", "同意营销", "optin", "marketingoptin", "marketing"],
        [ImportField.MarketingOptInAt] = ["营销许可日期", "同意日期", "同意营销日期", "optindate", "optedinat", "marketingoptinat"],
        [ImportField.Notes] = ["备注", "说明", "notes", "note", "remarks"],
        [ImportField.JoinedAt] = ["入会日期", "开卡日期", "注册日期", "入会时间", "注册时间", "joined", "joinedat", "joindate", "joineddate", "since"],
        [ImportField.PrincipalBalance] = ["余额", "储值余额", "本金余额", "本金", "balance", "storedvalue", "principal", "principalbalance"],
        [ImportField.BonusBalance] = ["赠送余额", "赠送金额", "赠金", "bonus", "bonusbalance"],
        [ImportField.Points] = ["积分", "积分余额", "可用积分", "points", "pointsbalance"],
        [ImportField.PointsExpireOn] = ["积分有效期", "积分到期日", "积分过期日期", "pointsexpire", "pointsexpiry", "pointsexpireon", "pointsexpiryDate"],
        [ImportField.PurchasedAt] = ["日期", "消费日期", "消费时间", "交易时间", "date", "purchasedat", "purchasedate", "time"],
        [ImportField.Receipt] = ["单号", "小票号", "订单号", "流水号", "receipt", "receiptno", "receiptnumber", "order", "orderno"],
        [ImportField.Product] = ["商品", "商品名称", "商品编码", "品名", "product", "productname", "productcode", "item"],
        [ImportField.Quantity] = ["数量", "quantity", "qty"],
        [ImportField.UnitPrice] = ["单价", "价格", "售价", "price", "unitprice"],
    };

    /// <summary>
    /// Maps each header to the field its name says (ignoring case, spaces, underscores, dashes and dots), each field
    /// at most once: first the names the shop saved (<see cref="ImportColumnNamesService"/>), then the built-in
    /// ones, the first column that names a field taking it. Columns no name matches stay unmapped for the user to choose.
    /// </summary>
    public static ImportMapping Detect(ImportKind kind, IReadOnlyList<string> headers, SavedColumnNames? saved = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var fields = Of(kind);
        var columns = new Dictionary<ImportField, int>();
        foreach (var (field, name) in saved?.Headers ?? new Dictionary<ImportField, string>())
        {
            var column = headers.Select(Fold).ToList().IndexOf(Fold(name));
            if (fields.Contains(field) && column >= 0 && !columns.ContainsValue(column))
            {
                columns[field] = column;
            }
        }
        for (var i = 0; i < headers.Count; i++)
        {
            var header = Fold(headers[i]);
            var field = fields.Where(f => !columns.ContainsKey(f) && !columns.ContainsValue(i) && Headers[f].Any(h => Fold(h) == header)).Select(f => (ImportField?)f).FirstOrDefault();
            if (field is { } found)
            {
                columns[found] = i;
            }
        }
        return new ImportMapping(kind, columns);
    }

    private static string Fold(string header) =>
        string.Concat(header.Where(c => c is not (' ' or '_' or '-' or '.' or '\u3000'))).ToLowerInvariant();
}

/// <summary>Which column (0-based) holds each field; the user corrects what detection got wrong.</summary>
public sealed record ImportMapping(ImportKind Kind, IReadOnlyDictionary<ImportField, int> Columns)
{
    public int? ColumnOf(ImportField field) => Columns.TryGetValue(field, out var column) ? column : null;

    public ImportMapping With(ImportField field, int? column)
    {
        var columns = Columns.Where(c => c.Key != field && c.Value != column).ToDictionary();
        if (column is { } chosen)
        {
            columns[field] = chosen;
        }
        return this with { Columns = columns };
    }

    /// <summary>The required fields no column is mapped to.</summary>
    public IEnumerable<FieldError> Missing() =>
        ImportFields.Required(Kind).Where(f => !Columns.ContainsKey(f)).Select(f => new FieldError(f.ToString(), MessageCode.ImportColumnMissing, f));
}
