using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer rr_…</c> through <see cref="ApiKeyLookup"/> (SHA-256 lookup, constant-time comparison), or, when no Authorization
/// header is sent, the dashboard's sign-in cookie (<see cref="DashboardSession"/>; such identities carry the
/// <see cref="DashboardSession.MethodClaim"/> claim and need an antiforgery token for state changes).
/// A failed or missing key is answered with a 401 problem details body.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RunRecoveryDb db,
    IProblemDetailsService problems,
    DashboardSession sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Request.Cookies[DashboardSession.CookieName] is { Length: > 0 } cookie
                ? await AuthenticateCookieAsync(cookie)
                : AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a Bearer token.");
        }

        // Malformed keys are refused without a database round trip; the comparison is constant-time (ApiKeyLookup).
        string key = header[BearerPrefix.Length..].Trim();
        if (await db.FindRunnerByKeyAsync(key, Context.RequestAborted) is not { } match)
        {
            return AuthenticateResult.Fail("Unknown, revoked or malformed API key.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, match.RunnerId.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<AuthenticateResult> AuthenticateCookieAsync(string cookie)
    {
        if (sessions.Read(cookie) is not { } session)
        {
            return AuthenticateResult.Fail("The dashboard session has expired or is not valid; sign in again.");
        }

        if (!await db.IsCurrentKeyHashAsync(session.RunnerId, session.KeyHash, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("The API key this session was signed in with has been replaced; sign in again.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, session.RunnerId.ToString()),
                new Claim(DashboardSession.MethodClaim, DashboardSession.CookieMethod),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "Send a valid API key as 'Authorization: Bearer rr_…'. Keys are issued by POST /api/runners and POST /api/runners/me/keys.",
            },
        });
    }
}
