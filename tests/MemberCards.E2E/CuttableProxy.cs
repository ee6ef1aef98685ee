using System.Net;
using System.Net.Sockets;

namespace MemberCards.E2E;

/// <summary>
/// A loopback TCP proxy in front of the app that a test can cut, as a dropped Wi-Fi link does: the open sockets
/// (the circuit's WebSocket among them) are closed at once and new ones are refused until <see cref="Restore"/>.
/// <see cref="HoldAnswers"/> drops what the app sends while still passing on what the browser sends, so a click
/// reaches the server and its answer is lost. (Playwright's offline switch leaves an open WebSocket alone.)
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;
    private volatile bool _holdAnswers;

    private CuttableProxy(Uri app)
    {
        _app = new IPEndPoint(IPAddress.Parse(app.Host), app.Port);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    public static CuttableProxy Start(Uri app) => new(app);

    public void HoldAnswers() => _holdAnswers = true;

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }
            _open.Clear();
        }
    }

    public void Restore()
    {
        _holdAnswers = false;
        _cut = false;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (_cut)
            {
                browser.Dispose();
                continue;
            }
            _ = PassAsync(browser);
        }
    }

    private async Task PassAsync(TcpClient browser)
    {
        var app = new TcpClient();
        lock (_open)
        {
            _open.Add(browser);
            _open.Add(app);
        }
        try
        {
            await app.ConnectAsync(_app, _stop.Token);
            await Task.WhenAny(
                PumpAsync(browser.GetStream(), app.GetStream(), answers: false),
                PumpAsync(app.GetStream(), browser.GetStream(), answers: true));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Cut, or one side closed.
        }
        finally
        {
            browser.Dispose();
            app.Dispose();
            lock (_open)
            {
                _open.Remove(browser);
                _open.Remove(app);
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool answers)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (!(answers && _holdAnswers))
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
