using System.Data.Common;
using MemberCards.Data;
using MemberCards.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MemberCards.Tests.Members;

/// <summary>
/// Sorting the members grid by last purchase gives one order on both providers — members who never bought count as
/// the oldest (SQLite's NULL order), ties by id — and on PostgreSQL a page is read from the index made for it.
/// </summary>
public sealed class LastPurchaseSortTests : IAsyncLifetime
{
    private static readonly DateTime Now = TestDatabase.DefaultNow;
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var coffee = await _db.AddProductAsync("Coffee", 300);
        foreach (var (name, daysAgo) in new (string, int?)[] { ("Ada", null), ("Bea", 1), ("Cy", 3), ("Dan", null), ("Eve", 1), ("Fay", 0) })
        {
            var member = await _db.AddMemberAsync(name);
            if (daysAgo is { } days)
            {
                await _db.RecordAsync(member, Now.AddDays(-days), (coffee, 1));
            }
        }
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<List<string>> NamesAsync(bool descending, int page = 0, int pageSize = 50) =>
        [.. (await _db.Get<MemberSearch>().ListAsync(new MemberListQuery(SortBy: nameof(MemberRow.LastPurchaseAt), Descending: descending, Page: page, PageSize: pageSize), TestUsers.Staff, CancellationToken.None))
            .Rows.Select(r => r.Name)];

    [Fact]
    public async Task Never_bought_sorts_as_the_oldest_and_equal_times_by_id_in_both_directions()
    {
        Assert.Equal(["Ada", "Dan", "Cy", "Bea", "Eve", "Fay"], await NamesAsync(descending: false));
        Assert.Equal(["Fay", "Bea", "Eve", "Cy", "Ada", "Dan"], await NamesAsync(descending: true));
        Assert.Equal(["Cy", "Ada", "Dan"], await NamesAsync(descending: true, page: 1, pageSize: 3));
    }

#if POSTGRESQL
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_PostgreSQL_a_page_is_read_from_the_sort_index_without_sorting_every_member(bool descending)
    {
        var seen = new SortQueryCapture();
        await using (var instance = _db.NewInstance(services => services.ConfigureDbContext<MemberCardsDb>(options => options.AddInterceptors(seen))))
        {
            await instance.GetRequiredService<MemberSearch>().ListAsync(new MemberListQuery(SortBy: nameof(MemberRow.LastPurchaseAt), Descending: descending), TestUsers.Staff, CancellationToken.None);
        }

        await using var connection = new Npgsql.NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        // Six members fit one page of the table: without this the planner rightly prefers reading it whole.
        await using (var noScans = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noScans.ExecuteNonQueryAsync();
        }
        await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN (COSTS OFF) " + seen.Text, connection);
        explain.Parameters.AddRange(seen.Parameters.ToArray());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0).Trim());
            }
        }

        var shown = string.Join(Environment.NewLine, plan);
        Assert.True(plan.Any(line => line.Contains("IX_Members_LastPurchaseAt_NullsFirst", StringComparison.Ordinal)), shown);
        // Descending reads the index backwards and only orders ties of one instant by id (an incremental sort). Below
        // the limit nothing sorts every member; above it the page's rows, joined with their tiers, are put back in order.
        var limit = plan.FindIndex(line => line.EndsWith("Limit", StringComparison.Ordinal));
        Assert.True(limit >= 0, shown);
        Assert.False(plan.Skip(limit).Any(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^(->\s+)?Sort$")), shown);
    }

    /// <summary>Keeps the grid page's query as EF Core sent it (the command itself is disposed after).</summary>
    private sealed class SortQueryCapture : DbCommandInterceptor
    {
        public string? Text { get; private set; }

        public List<Npgsql.NpgsqlParameter> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("ORDER BY m.\"LastPurchaseAt\"", StringComparison.Ordinal))
            {
                Text = command.CommandText;
                Parameters.AddRange(command.Parameters.Cast<Npgsql.NpgsqlParameter>().Select(p => p.Clone()));
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
#endif
}
