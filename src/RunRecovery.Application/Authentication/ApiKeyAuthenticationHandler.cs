using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Data;

namespace RunRecovery.Application.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer rr_…</c> by looking up the SHA-256 of the key, or, when no Authorization
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

        string key = header[BearerPrefix.Length..].Trim();
        if (!ApiKey.HasValidShape(key))
        {
            return AuthenticateResult.Fail("The bearer token is not a RunRecovery API key.");
        }

        byte[] hash = ApiKey.Hash(key);
        Guid? runnerId = await db.Runners
            .AsNoTracking()
            .Where(runner => runner.ApiKeyHash == hash)
            .Select(runner => (Guid?)runner.Id)
            .SingleOrDefaultAsync(Context.RequestAborted);

        if (runnerId is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, runnerId.Value.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<AuthenticateResult> AuthenticateCookieAsync(string cookie)
    {
        if (sessions.Read(cookie) is not { } session)
        {
            return AuthenticateResult.Fail("The dashboard session has expired or is not valid; sign in again.");
        }

        bool current = await db.Runners
            .AsNoTracking()
            .AnyAsync(runner => runner.Id == session.RunnerId && runner.ApiKeyHash == session.KeyHash, Context.RequestAborted);
        if (!current)
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
