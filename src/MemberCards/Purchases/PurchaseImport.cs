using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using MemberCards.Accounts;
using MemberCards.Data;
using MemberCards.Products;
using MemberCards.Reports;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Purchases;

public sealed record ImportedPurchase(int MemberId, DateTime PurchasedAt, string RecordedBy, IReadOnlyList<NewPurchaseLine> Lines);

/// <summary>
/// The bulk path for loading purchase history (demo data, moving from another system, the benchmark): the
/// same line rules as <see cref="PurchaseService.RecordAsync"/>, the member figures moved in the same
/// transaction, but written with reused prepared commands, because EF Core's change tracker manages about a
/// tenth of the rows per second that SQLite can take.
/// </summary>
public sealed class PurchaseImport(IDbContextFactory<MemberCardsDb> dbFactory)
{
    private const int LargeLoad = 20_000;

    private sealed class Figures
    {
        public int Count;
        public long TotalMinor;
        public DateTime Last = DateTime.MinValue;
    }

    /// <summary>Loads the purchases in one transaction; the first invalid one refuses the whole load.</summary>
    public async Task<Result<int>> LoadAsync(IReadOnlyCollection<ImportedPurchase> purchases, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        Access.Require(user, Roles.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var memberIds = (await db.Members.Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        // Every member and product id was checked above and purchase ids are handed out below, so SQLite's
        // per-row foreign key lookups only repeat those checks; skipping them makes the load a third faster.
        // A large page cache lets the index rebuilds sort in memory; both settings are put back afterwards.
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144;", cancellationToken);
        try
        {
            return await LoadCheckedAsync(db, connection, purchases, products, memberIds, cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;", CancellationToken.None);
        }
    }

    private static async Task<Result<int>> LoadCheckedAsync(
        MemberCardsDb db, DbConnection connection, IReadOnlyCollection<ImportedPurchase> purchases,
        Dictionary<int, Product> products, HashSet<int> memberIds, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var droppedIndexes = purchases.Count >= LargeLoad ? SecondaryIndexes.Drop(connection, transaction, "Purchases", "PurchaseLines") : [];
        var droppedTriggers = SecondaryIndexes.DropTriggers(connection, transaction, "Purchases", "PurchaseLines");
        // Ids are handed out here, so lines can point at their purchase without a round trip per purchase.
        var nextId = await db.Purchases.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0;
        using var insertPurchase = Prepare(connection, transaction,
            """INSERT INTO "Purchases" ("Id", "MemberId", "PurchasedAt", "RecordedBy", "TotalMinor") VALUES ($1, $2, $3, $4, $5)""", 5);
        using var insertLine = Prepare(connection, transaction,
            """INSERT INTO "PurchaseLines" ("PurchaseId", "ProductId", "ProductName", "Category", "UnitPriceMinor", "Quantity") VALUES ($1, $2, $3, $4, $5, $6)""", 6);

        var figures = new Dictionary<int, Figures>();
        var buckets = new Dictionary<long, (long Revenue, int Purchases)>();
        var productDays = new Dictionary<(long Day, int ProductId, string Category), (long Revenue, int Quantity)>();
        var count = 0;
        foreach (var purchase in purchases)
        {
            count++;
            if (!memberIds.Contains(purchase.MemberId))
            {
                return Result<int>.Refused("MemberId", $"Purchase {count}: no member has id {purchase.MemberId}.");
            }
            var lines = PurchaseRules.BuildLines(purchase.Lines, products, requireActive: false, long.MaxValue, CultureInfo.InvariantCulture);
            if (!lines.Succeeded)
            {
                return Result<int>.Refused(lines.Errors[0].Field, $"Purchase {count}: {lines.Errors[0].Message}");
            }
            var total = lines.Value!.Sum(l => l.UnitPriceMinor * l.Quantity);
            var purchaseId = ++nextId;
            Bind(insertPurchase, purchaseId, purchase.MemberId, UnixMilliseconds.From(purchase.PurchasedAt), purchase.RecordedBy, total);
            insertPurchase.ExecuteNonQuery();
            foreach (var line in lines.Value!)
            {
                Bind(insertLine, purchaseId, line.ProductId, line.ProductName, line.Category, line.UnitPriceMinor, line.Quantity);
                insertLine.ExecuteNonQuery();
                var productDay = (UnixMilliseconds.From(purchase.PurchasedAt) / ProductSalesDay.WidthMs * ProductSalesDay.WidthMs, line.ProductId, line.Category);
                var sold = productDays.GetValueOrDefault(productDay);
                productDays[productDay] = (sold.Revenue + line.UnitPriceMinor * line.Quantity, sold.Quantity + line.Quantity);
            }

            var bucket = RevenueBucket.StartOf(purchase.PurchasedAt);
            var sums = buckets.GetValueOrDefault(bucket);
            buckets[bucket] = (sums.Revenue + total, sums.Purchases + 1);

            var memberFigures = figures.TryGetValue(purchase.MemberId, out var found) ? found : figures[purchase.MemberId] = new Figures();
            memberFigures.Count++;
            memberFigures.TotalMinor += total;
            if (purchase.PurchasedAt > memberFigures.Last)
            {
                memberFigures.Last = purchase.PurchasedAt;
            }
        }

        using var updateMember = Prepare(connection, transaction,
            """
            UPDATE "Members" SET "PurchaseCount" = "PurchaseCount" + $1, "TotalSpentMinor" = "TotalSpentMinor" + $2,
                "LastPurchaseAt" = CASE WHEN "LastPurchaseAt" IS NULL OR "LastPurchaseAt" < $3 THEN $3 ELSE "LastPurchaseAt" END
            WHERE "Id" = $4
            """, 4);
        foreach (var (memberId, memberFigures) in figures)
        {
            Bind(updateMember, memberFigures.Count, memberFigures.TotalMinor, UnixMilliseconds.From(memberFigures.Last), memberId);
            updateMember.ExecuteNonQuery();
        }
        using var addToBucket = Prepare(connection, transaction,
            """
            INSERT INTO "RevenueBuckets" ("StartMs", "RevenueMinor", "Purchases") VALUES ($1, $2, $3)
            ON CONFLICT ("StartMs") DO UPDATE SET "RevenueMinor" = "RevenueMinor" + excluded."RevenueMinor", "Purchases" = "Purchases" + excluded."Purchases"
            """, 3);
        foreach (var (start, sums) in buckets)
        {
            Bind(addToBucket, start, sums.Revenue, sums.Purchases);
            addToBucket.ExecuteNonQuery();
        }
        using var addToProductDay = Prepare(connection, transaction,
            """
            INSERT INTO "ProductSalesDays" ("DayMs", "ProductId", "Category", "RevenueMinor", "Quantity") VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT ("DayMs", "ProductId", "Category") DO UPDATE SET "RevenueMinor" = "RevenueMinor" + excluded."RevenueMinor", "Quantity" = "Quantity" + excluded."Quantity"
            """, 5);
        foreach (var ((day, productId, category), sold) in productDays)
        {
            Bind(addToProductDay, day, productId, category, sold.Revenue, sold.Quantity);
            addToProductDay.ExecuteNonQuery();
        }
        SecondaryIndexes.Recreate(connection, transaction, droppedIndexes);
        SecondaryIndexes.Recreate(connection, transaction, droppedTriggers);
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(count);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$" + i;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, params ReadOnlySpan<object> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
