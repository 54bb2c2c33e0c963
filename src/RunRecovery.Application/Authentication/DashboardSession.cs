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
    /// HttpOnly, SameSite=Strict, path / and Secure whenever the browser may have used https: the request is https
    /// (directly, or by X-Forwarded-Proto from a listed proxy), or it was relayed by a proxy nobody listed, whose
    /// scheme is not believed (<see cref="RequestOrigin"/>). Plain http straight to this host — local development, or a
    /// LAN install without TLS — gets a cookie the browser keeps and sends back over http; a Secure cookie set over
    /// http would be dropped silently and sign-in would never stick (docs/security.md, "Plain http on a LAN").
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

    public static bool RequiresSecure(HttpRequest request) => request.IsHttps || RequestOrigin.IsRelayedUnverified(request);
}
