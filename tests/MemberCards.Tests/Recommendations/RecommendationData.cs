namespace MemberCards.Tests.Recommendations;

/// <summary>
/// A hand-built purchase set with known answers, all within the last 12 months, ten baskets:
/// Ann {latte, croissant} ×2, {latte}; Ben {latte, croissant}, {latte, muffin}; Cai {tea, muffin}, {tea} (5 days ago);
/// Dee {latte, croissant, old scone}, {tea}, {croissant}. The old scone is deactivated afterwards.
/// Baskets per product: latte 6, croissant 5, tea 3, muffin 2, scone 1. Latte and croissant together: 4.
/// Members per product: latte, croissant 3 (Ann, Ben, Dee); muffin (Ben, Cai), tea (Cai, Dee) 2; scone 1.
/// </summary>
internal sealed record RecommendationData(int Latte, int Croissant, int Muffin, int Tea, int Scone, int Ann, int Ben, int Cai, int Dee)
{
    public static async Task<RecommendationData> AddAsync(TestDatabase db)
    {
        var latte = await db.AddProductAsync("Latte", 450);
        var croissant = await db.AddProductAsync("Croissant", 320, "Bakery");
        var muffin = await db.AddProductAsync("Muffin", 340, "Bakery");
        var tea = await db.AddProductAsync("Tea", 320, "Tea");
        var scone = await db.AddProductAsync("Old Scone", 300, "Bakery");
        var (ann, ben, cai, dee) = (await db.AddMemberAsync("Ann"), await db.AddMemberAsync("Ben"), await db.AddMemberAsync("Cai"), await db.AddMemberAsync("Dee"));
        var now = db.Clock.UtcNow;
        DateTime Ago(int days) => now.AddDays(-days);
        await db.RecordAsync(ann, Ago(90), (latte, 1), (croissant, 1));
        await db.RecordAsync(ann, Ago(80), (latte, 2), (croissant, 1));
        await db.RecordAsync(ann, Ago(70), (latte, 1));
        await db.RecordAsync(ben, Ago(85), (latte, 1), (croissant, 1));
        await db.RecordAsync(ben, Ago(60), (latte, 1), (muffin, 1));
        await db.RecordAsync(cai, Ago(75), (tea, 1), (muffin, 1));
        await db.RecordAsync(cai, Ago(5), (tea, 1));
        await db.RecordAsync(dee, Ago(65), (latte, 1), (croissant, 1), (scone, 1));
        await db.RecordAsync(dee, Ago(50), (tea, 1));
        await db.RecordAsync(dee, Ago(40), (croissant, 1));
        await using (var context = db.Open())
        {
            var old = await context.Products.FindAsync(scone);
            old!.IsActive = false;
            await context.SaveChangesAsync();
        }
        return new RecommendationData(latte, croissant, muffin, tea, scone, ann, ben, cai, dee);
    }
}
