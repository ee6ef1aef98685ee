using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberCards.Data;

/// <summary>
/// A save that carries an idempotency key (chosen once per dialog, or by the API's caller) records once: a key
/// already saved answers with what it recorded. Where reads don't wait for the first writer (PostgreSQL), two saves
/// with one key can both pass that check; the key's unique index then stops the second, which answers with the first.
/// </summary>
public static class IdempotentSave
{
    /// <param name="db">The save's context, its <paramref name="transaction"/> begun before the check (SQLite: the second save waits for the first).</param>
    /// <param name="findByKey">What was recorded under a key, read in the given context; null when nothing was.</param>
    /// <param name="save">Checks, writes and commits the new record.</param>
    public static async Task<Result<T>> RunAsync<T>(IDbContextFactory<MemberCardsDb> dbFactory, MemberCardsDb db, IDbContextTransaction transaction, Guid? key,
        Func<MemberCardsDb, Guid, CancellationToken, Task<T?>> findByKey, Func<Task<Result<T>>> save, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(findByKey);
        ArgumentNullException.ThrowIfNull(save);
        if (key is { } seen && await findByKey(db, seen, cancellationToken) is { } earlier)
        {
            return Result<T>.Ok(earlier);
        }
        try
        {
            return await save();
        }
        catch (DbUpdateException) when (key is { } savedKey)
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await findByKey(fresh, savedKey, cancellationToken) is { } first)
            {
                return Result<T>.Ok(first);
            }
            throw;
        }
    }
}
