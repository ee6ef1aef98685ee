namespace MemberCards.CardValue;

/// <summary>
/// Runs a unit of work again when another till moved the same card or redeemed the same coupon first (each attempt
/// reads and prices anew).
/// Only PostgreSQL gets here: SQLite's write transaction already keeps other writers out. A short random pause
/// lets a crowd of tills on one card (a test; a family sharing one) take turns instead of colliding again.
/// </summary>
public static class CardRetry
{
    public const int Attempts = 12;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception exception) when ((exception is CardBalanceChangedException or Coupons.CouponTakenException) && tries < Attempts)
            {
#pragma warning disable CA5394 // Spreading retries in time, not security.
                await Task.Delay(Random.Shared.Next(1, 5 * tries));
#pragma warning restore CA5394
            }
        }
    }
}
