using System.Text.Json;
using System.Threading.Channels;
using MemberCards.Purchases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MemberCards.Data;

/// <summary>
/// Carries the purchase feed between web instances on one PostgreSQL database. What this instance publishes
/// (after its commit) is sent with NOTIFY, in order, off the saving thread; one dedicated connection LISTENs
/// for the other instances' changes and publishes them here. When that connection is lost it reconnects and
/// publishes <see cref="PurchaseEvent.Missed"/> once, so open pages refresh for what they may have missed.
/// </summary>
public sealed class PostgreSqlFeedRelay(PurchaseFeed feed, IDbContextFactory<MemberCardsDb> dbFactory, ILogger<PostgreSqlFeedRelay> logger)
    : BackgroundService
{
    public const string Channel = "membercards_purchases";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Channel<PurchaseEvent> _outbox = System.Threading.Channels.Channel.CreateUnbounded<PurchaseEvent>(new() { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place: changes from other instances arrive from then on.</summary>
    public Task Listening => _listening.Task;

    /// <summary>The server process of the listening connection (tests end it to prove the reconnect).</summary>
    public int ListenerProcessId { get; private set; }

    private sealed record Message(string Instance, PurchaseChange Change, int PurchaseId, int MemberId, long PurchasedAtMs, long TotalMinor);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            connectionString = db.Database.GetConnectionString()!;
        }
        using var forwarding = feed.ForwardTo(change => _outbox.Writer.TryWrite(change));
        var sending = SendAsync(connectionString, stoppingToken);
        await ListenAsync(connectionString, stoppingToken);
        await sending;
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        // Keepalives make a silently dropped connection fail the wait instead of hanging in it.
        var listen = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5 }.ConnectionString;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listen);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var command = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                ListenerProcessId = connection.ProcessID;
                _listening.TrySetResult();
                if (lost)
                {
                    logger.LogInformation("Purchase feed: listening to the other instances again; open pages refresh once");
                    feed.PublishFromOtherInstance(PurchaseEvent.Missed);
                    lost = false;
                }
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                if (!lost)
                {
                    logger.LogWarning("Purchase feed: lost the connection to PostgreSQL ({Message}); reconnecting", e.Message);
                }
                lost = true;
            }
            try
            {
                await Task.Delay(RetryAfter, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Receive(string payload)
    {
        Message? message;
        try
        {
            message = JsonSerializer.Deserialize<Message>(payload);
        }
        catch (JsonException e)
        {
            // Someone else NOTIFYing on the channel must not break the listening connection.
            logger.LogWarning("Purchase feed: ignored a notification that is not a purchase change ({Message})", e.Message);
            return;
        }
        if (message is null || message.Instance == _instance)
        {
            return;
        }
        feed.PublishFromOtherInstance(new PurchaseEvent(message.Change, message.PurchaseId, message.MemberId,
            UnixMilliseconds.ToUtc(message.PurchasedAtMs), message.TotalMinor));
    }

    private async Task SendAsync(string connectionString, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in _outbox.Reader.ReadAllAsync(stoppingToken))
            {
                var payload = JsonSerializer.Serialize(new Message(_instance, change.Change, change.PurchaseId, change.MemberId,
                    UnixMilliseconds.From(change.PurchasedAt), change.TotalMinor));
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    command.Parameters.AddWithValue("channel", Channel);
                    command.Parameters.AddWithValue("payload", payload);
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (NpgsqlException e)
                {
                    // The purchase is saved; the other instances' pages catch up on their next change or reconnect.
                    logger.LogWarning("Purchase feed: could not tell the other instances about purchase {PurchaseId} ({Message})", change.PurchaseId, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
