using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberCards.Data;

/// <summary>Hands the time each EF Core command took (EF Core's own measure) to <see cref="MemberCardsMetrics"/>.</summary>
public sealed class CommandTiming : DbCommandInterceptor
{
    public static readonly CommandTiming Instance = new();

    private CommandTiming()
    {
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Took(eventData, "query");
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Took(eventData, "query");
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Took(eventData, "non-query");
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Took(eventData, "non-query");
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Took(eventData, "scalar");
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Took(eventData, "scalar");
        return ValueTask.FromResult(result);
    }

    private static void Took(CommandExecutedEventData eventData, string kind) => MemberCardsMetrics.CommandTook(eventData.Duration, kind);
}
