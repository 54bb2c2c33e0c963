using System.Net;

namespace RunRecovery.Application.Authentication;

/// <summary>
/// What this host can verify about where a request came from (docs/security.md, "Behind a proxy"). The host's
/// forwarded-headers step believes X-Forwarded-For, -Proto and -Host only from the proxies listed in
/// <c>RunRecovery:ForwardedHeaders</c>, and removes the values it used. A forwarding header still present afterwards
/// was sent by a proxy nobody listed (or by the client itself): the request was relayed and its real client is
/// unknown, so it is never treated as a client on this machine, whatever address the connection comes from.
/// </summary>
public static class RequestOrigin
{
    /// <summary>Headers with which a proxy names the client, the host or the scheme it was reached with.</summary>
    public static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP"];

    /// <summary>True when the request carries a forwarding header that no listed proxy vouched for.</summary>
    public static bool IsRelayedUnverified(HttpRequest request)
    {
        foreach (string header in ForwardingHeaders)
        {
            if (request.Headers.ContainsKey(header))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True only for a client on this machine that spoke to this host directly: the connection is from 127.0.0.0/8
    /// or ::1 and the request was not relayed by an unlisted proxy.
    /// </summary>
    public static bool IsLoopbackClient(HttpContext context) =>
        IsLoopback(context.Connection.RemoteIpAddress) && !IsRelayedUnverified(context.Request);

    /// <summary>The client address as rate limits count it: the connection's (the real client's behind a listed proxy), IPv4-mapped addresses as IPv4.</summary>
    public static string? ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote ? (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString() : null;

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
