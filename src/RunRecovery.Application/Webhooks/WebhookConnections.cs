using System.Net;
using System.Net.Sockets;

namespace RunRecovery.Application.Webhooks;

/// <summary>
/// The webhook client's connection step: resolves the host itself and connects only to public addresses, so a
/// name that resolved to a public address when the URL was saved cannot be re-pointed at an internal service
/// later (DNS rebinding). With <see cref="WebhookOptions.AllowPrivateAddresses"/> every address is allowed.
/// </summary>
public static class WebhookConnections
{
    public static SocketsHttpHandler CreateHandler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false, // a redirect could lead anywhere; receivers answer 2xx themselves
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            IPAddress[] addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out IPAddress? literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            IPAddress[] allowed = options.AllowPrivateAddresses ? addresses : [.. addresses.Where(WebhookUrlRules.IsPublic)];
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no public address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
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
