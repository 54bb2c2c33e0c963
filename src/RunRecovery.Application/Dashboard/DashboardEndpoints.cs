using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Dashboard.SignIn;

namespace RunRecovery.Application.Dashboard;

/// <summary>
/// The dashboard's own endpoints: the session probe that hands the pages their antiforgery token, sign-in with
/// the API key (a form post) and sign-out. Sign-in and sign-out answer 303 redirects so they work as plain forms.
/// </summary>
public static class DashboardEndpoints
{
    public const string SignInPage = "/signin.html";

    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder dashboard = app.MapGroup("/dashboard").ExcludeFromDescription();
        dashboard.MapGet("/session", Session);
        dashboard.MapPost("/signin", SignInAsync).DisableAntiforgery(); // validated explicitly below
        dashboard.MapPost("/signout", SignOutAsync).DisableAntiforgery();
    }

    /// <summary>
    /// Whether the browser is signed in, a fresh request token for the X-CSRF-TOKEN header or the form, the server's
    /// clock (the pages' "today") and the map settings.
    /// </summary>
    private static Ok<DashboardSessionState> Session(
        HttpContext context, IAntiforgery antiforgery, TimeProvider clock, IOptions<DashboardMapOptions> map)
    {
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        string? runner = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return TypedResults.Ok(new DashboardSessionState(runner is not null, tokens.RequestToken!, clock.GetUtcNow(), map.Value.ToView()));
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, ISender sender, DashboardSession sessions, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return SeeOther($"{SignInPage}?error=form");
        }

        IFormCollection form = await context.Request.ReadFormAsync(cancellationToken);
        string key = form["apiKey"].ToString();
        SignInResult result = await sender.Send(new SignInWithKey(key), cancellationToken);
        if (result.RunnerId is not { } runnerId)
        {
            return SeeOther($"{SignInPage}?error=key");
        }

        context.Response.Cookies.Append(DashboardSession.CookieName, sessions.Issue(runnerId, result.KeyHash), DashboardSession.CookieOptions(context.Request));
        return SeeOther("/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        // Cookie-authenticated posts were already checked by the antiforgery gate; an anonymous one is checked here.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Missing or invalid antiforgery token.");
        }

        CookieOptions options = DashboardSession.CookieOptions(context.Request);
        context.Response.Cookies.Delete(DashboardSession.CookieName, new CookieOptions
        {
            HttpOnly = options.HttpOnly,
            SameSite = options.SameSite,
            Secure = options.Secure,
            Path = options.Path,
        });
        return SeeOther(SignInPage);
    }

    private static SeeOtherResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

public sealed record DashboardSessionState(bool SignedIn, string CsrfToken, DateTimeOffset NowUtc, DashboardMap Map);
