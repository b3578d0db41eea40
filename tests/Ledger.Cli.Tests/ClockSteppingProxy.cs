using System.Net;
using System.Net.Sockets;

namespace Ledger.Cli.Tests;

/// <summary>
/// A local TCP relay to the test server that steps libfaketime's clock file forward as its first connection arrives,
/// before a byte of the server's answer reaches the client: the client is mid-handshake when its wall clock jumps, as
/// when NTP sets a fresh machine's clock while a gate connects. Later connections pass through untouched.
/// </summary>
public sealed class ClockSteppingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly string _clockFile;
    private readonly string _step;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public ClockSteppingProxy(int serverPort, string clockFile, string step)
    {
        _serverPort = serverPort;
        _clockFile = clockFile;
        _step = step;
        File.WriteAllText(clockFile, "+0\n");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections the client has opened through the relay.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (Interlocked.Increment(ref _connections) == 1)
                File.WriteAllText(_clockFile, _step + "\n");
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
                await Task.WhenAll(PipeAsync(client.GetStream(), server.Client), PipeAsync(server.GetStream(), client.Client));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // Either side hung up: the relay of this connection is over.
            }
        }
    }

    private async Task PipeAsync(NetworkStream from, Socket to)
    {
        await from.CopyToAsync(new NetworkStream(to, ownsSocket: false), _stop.Token);
        to.Shutdown(SocketShutdown.Send);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
