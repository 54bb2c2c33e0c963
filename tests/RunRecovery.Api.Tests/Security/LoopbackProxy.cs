using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RunRecovery.Api.Tests.Security;

/// <summary>How a <see cref="LoopbackProxy"/> tells the service who its client was.</summary>
public enum ProxyHeaders
{
    /// <summary>X-Forwarded-For (appended to what came in, as nginx's $proxy_add_x_forwarded_for), X-Forwarded-Proto and X-Forwarded-Host, as Caddy sends them.</summary>
    XForwarded,

    /// <summary>Only the standard Forwarded header (RFC 7239), which ASP.NET Core does not read.</summary>
    Forwarded,
}

/// <summary>
/// A reverse proxy on this machine, as nginx or Caddy beside the service would be: a small Kestrel app that relays
/// every request over real HTTP to the service, keeps the Host header, and names the client in forwarding headers.
/// Its connections to the service come from <see cref="Source"/> (any 127.x.y.z works on Linux), so a test can list
/// one proxy address in RunRecovery:ForwardedHeaders:KnownProxies and leave another unlisted. The client it names is
/// the connection's address, or the one a test puts in <see cref="ClientHeader"/> to stand for a remote machine; the
/// scheme it names is <see cref="Scheme"/> (it terminated TLS, or not).
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    /// <summary>Request header (removed before relaying) naming the client address this proxy should report.</summary>
    public const string ClientHeader = "X-Test-Proxy-Client";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host", ClientHeader,
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private LoopbackProxy(WebApplication app, HttpClient upstream, IPAddress source)
    {
        _app = app;
        _upstream = upstream;
        Source = source;
    }

    public IPAddress Source { get; }

    public string Scheme { get; init; } = "https";

    public Uri BaseAddress => new(_app.Urls.First());

    public static async Task<LoopbackProxy> StartAsync(
        Uri service, IPAddress source, ProxyHeaders headers, string scheme, CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var upstream = new HttpClient(handler) { BaseAddress = service };

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var proxy = new LoopbackProxy(app, upstream, source) { Scheme = scheme };
        app.Run(context => proxy.RelayAsync(context, headers));
        await app.StartAsync(cancellationToken);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task RelayAsync(HttpContext context, ProxyHeaders headers)
    {
        HttpRequest incoming = context.Request;
        string client = incoming.Headers[ClientHeader].FirstOrDefault() ?? context.Connection.RemoteIpAddress!.ToString();
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), $"{incoming.PathBase}{incoming.Path}{incoming.QueryString}");
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in incoming.Headers)
        {
            if (!HopByHop.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.Host = incoming.Host.Value; // proxy_set_header Host $host
        if (headers == ProxyHeaders.XForwarded)
        {
            string? earlier = incoming.Headers["X-Forwarded-For"].FirstOrDefault();
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", earlier is null ? client : $"{earlier}, {client}");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", Scheme);
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Forwarded", $"for=\"{client}\";proto={Scheme};host={incoming.Host.Value}");
        }

        using HttpResponseMessage response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach ((string name, IEnumerable<string> values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
