using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RunRecovery.Application.Authentication;

/// <summary>
/// The dashboard's sign-in cookie. It never holds the API key: it holds the runner id and the SHA-256 of the key,
/// encrypted and signed with ASP.NET Core Data Protection and valid for <see cref="Lifetime"/>. The authentication
/// handler accepts it only while the runner's current key still has that hash, so rotating the key signs every
/// browser out. See docs/dashboard.md.
/// </summary>
public sealed class DashboardSession(IDataProtectionProvider protection)
{
    public const string CookieName = "rr_session";

    /// <summary>Claim set on identities that came from the cookie; state changes then need an antiforgery token.</summary>
    public const string MethodClaim = "amr";

    public const string CookieMethod = "dashboard-cookie";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("RunRecovery.Dashboard.Session.v1").ToTimeLimitedDataProtector();

    public string Issue(Guid runnerId, byte[] keyHash) =>
        _protector.Protect($"{runnerId:N}.{Convert.ToBase64String(keyHash)}", Lifetime);

    /// <summary>The runner and key hash in a cookie value, or null when it is forged, tampered with or expired.</summary>
    public (Guid RunnerId, byte[] KeyHash)? Read(string value)
    {
        try
        {
            string[] parts = _protector.Unprotect(value).Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out Guid id) ? (id, Convert.FromBase64String(parts[1])) : null;
        }
        catch (Exception error) when (error is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// HttpOnly, SameSite=Strict, path /, and Secure unless the request is plain http to a loopback host name from a
    /// loopback address (local development at http://localhost:5000, where a Secure cookie would not be sent back).
    /// </summary>
    public static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = RequiresSecure(request),
        Path = "/",
        IsEssential = true,
        MaxAge = Lifetime,
    };

    public static bool RequiresSecure(HttpRequest request)
    {
        if (request.IsHttps)
        {
            return true;
        }

        string host = request.Host.Host;
        bool loopbackName = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
        IPAddress? remote = request.HttpContext.Connection.RemoteIpAddress;
        bool loopbackClient = remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
        return !(loopbackName && loopbackClient);
    }
}
