using System.Net;
using System.Net.Sockets;

namespace RunRecovery.Application.Webhooks;

/// <summary>Which webhook URLs are acceptable: https, and a host that resolves only to public addresses.</summary>
public static class WebhookUrlRules
{
    /// <summary>Null when acceptable, otherwise why not.</summary>
    public static async Task<string?> CheckAsync(string url, WebhookOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.UserInfo.Length > 0)
        {
            return "Give an absolute https URL without credentials.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return "Webhook URLs must use https.";
        }

        if (options.AllowPrivateAddresses)
        {
            return null;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? literal))
        {
            addresses = [literal];
        }
        else if (uri.IsLoopback || uri.DnsSafeHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "Webhook URLs may not point at this machine.";
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            }
            catch (SocketException)
            {
                return $"The host '{uri.DnsSafeHost}' does not resolve.";
            }
        }

        return addresses.Length == 0 ? $"The host '{uri.DnsSafeHost}' does not resolve."
            : addresses.Any(address => !IsPublic(address)) ? "Webhook URLs may not point at loopback, private or link-local addresses."
            : null;
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        byte first = address.GetAddressBytes()[0];
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC); // fc00::/7 unique local
    }
}
