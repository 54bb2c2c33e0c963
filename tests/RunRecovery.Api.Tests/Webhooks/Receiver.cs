using System.Net;
using System.Net.Sockets;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Tests.Webhooks;

/// <summary>A loopback HTTP listener that records each request's body and signature header and answers with a fixed status.</summary>
public sealed class Receiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpStatusCode _status;

    public Receiver(HttpStatusCode status)
    {
        _status = status;
        int port = FreePort();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public List<(byte[] Body, string? Signature)> Received { get; } = [];

    /// <summary>A copy of what arrived so far (the listener adds from its own thread).</summary>
    public (byte[] Body, string? Signature)[] Snapshot()
    {
        lock (Received)
        {
            return [.. Received];
        }
    }

    /// <summary>Forgets what arrived so far.</summary>
    public void Clear()
    {
        lock (Received)
        {
            Received.Clear();
        }
    }

    public void Dispose() => _listener.Close();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (Received)
            {
                Received.Add((body.ToArray(), context.Request.Headers[WebhookSignature.Header]));
            }

            context.Response.StatusCode = (int)_status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
