namespace MemberCards.CardValue;

/// <summary>Runs a unit of work again when another till moved the same card first (each attempt reads and prices anew).</summary>
public static class CardRetry
{
    public const int Attempts = 5;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (CardBalanceChangedException) when (tries < Attempts)
            {
                // Another writer just committed: trying again at once reads its result.
            }
        }
    }
}
