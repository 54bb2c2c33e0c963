using System.Net;
using System.Net.Sockets;

namespace RunRecovery.Application.Webhooks;

/// <summary>
/// Which webhook URLs are acceptable: https, and a host every one of whose addresses is globally reachable
/// (<see cref="PublicAddresses"/>). Checked when the URL is saved and again before every delivery; the connection
/// step checks the addresses it is about to use once more (<see cref="WebhookConnections"/>).
/// </summary>
public static class WebhookUrlRules
{
    public const string NotPublic = "Webhook URLs may not point at loopback, private, link-local, documentation or other special-purpose addresses.";

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

        if (uri.IsLoopback || uri.DnsSafeHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "Webhook URLs may not point at this machine.";
        }

        IPAddress[]? addresses = await ResolveAsync(uri.DnsSafeHost, cancellationToken);
        return addresses is null or [] ? $"The host '{uri.DnsSafeHost}' does not resolve."
            : addresses.Any(address => !IsPublic(address)) ? NotPublic
            : null;
    }

    public static bool IsPublic(IPAddress address) => PublicAddresses.IsPublic(address);

    /// <summary>Every address of <paramref name="host"/> (a literal is its own); null when the name does not resolve.</summary>
    public static async Task<IPAddress[]?> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return [literal];
        }

        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
