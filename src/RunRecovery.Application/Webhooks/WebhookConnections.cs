using System.Net;
using System.Net.Sockets;

namespace RunRecovery.Application.Webhooks;

/// <summary>
/// The webhook client's connection step: resolves the host itself and connects only when every address it resolves
/// to is public (<see cref="PublicAddresses"/>), so a name that resolved to a public address when the URL was saved
/// cannot be re-pointed at an internal service later (DNS rebinding), nor mix a public address with an internal one.
/// With <see cref="WebhookOptions.AllowPrivateAddresses"/> every address is allowed.
/// </summary>
public static class WebhookConnections
{
    public static SocketsHttpHandler CreateHandler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false, // a redirect could lead anywhere; receivers answer 2xx themselves
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseProxy = false, // connect to the checked addresses themselves, never through an environment proxy
        ConnectCallback = async (context, cancellationToken) =>
        {
            string host = context.DnsEndPoint.Host;
            IPAddress[] addresses = await WebhookUrlRules.ResolveAsync(host, cancellationToken) ?? [];
            if (addresses.Length == 0)
            {
                throw new HttpRequestException($"{host} does not resolve.");
            }

            if (!options.AllowPrivateAddresses && addresses.FirstOrDefault(address => !PublicAddresses.IsPublic(address)) is { } refused)
            {
                throw new HttpRequestException($"{host} resolves to {refused}, which is not public: {PublicAddresses.Refusal(refused)}; no public address to connect to.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
