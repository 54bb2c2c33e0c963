using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Dashboard;

namespace RunRecovery.Api.Dashboard;

/// <summary>The web dashboard in wwwroot: static pages with security headers, the sign-in cookie and the CSRF gate.</summary>
internal static class DashboardComposition
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    /// <summary>
    /// Scripts and styles only from this origin; no inline script, no inline style, no framing. Images also from the
    /// map's tile server when one is configured (<see cref="DashboardMapOptions"/>).
    /// </summary>
    public static string ContentSecurityPolicy(DashboardMapOptions map) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{(map.ImageSource() is { } tiles ? " " + tiles : "")}; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void AddDashboard(this IServiceCollection services)
    {
        services.AddPersistedDataProtection();
        services.AddOptions<DashboardMapOptions>().BindConfiguration(DashboardMapOptions.Section)
            .Validate(map => map.Problem() is null, $"Invalid {DashboardMapOptions.Section} settings (see docs/dashboard.md, \"The route map\").")
            .ValidateOnStart();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfHeader;
            options.Cookie.Name = "rr_csrf";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Same rule as the session cookie: Secure except plain http on loopback (see DashboardSession).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    /// <summary>Static pages (before authentication: they hold no data) with the security headers.</summary>
    public static void UseDashboardPages(this WebApplication app)
    {
        string policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<DashboardMapOptions>>().Value);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                IHeaderDictionary headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache";
            },
        });
    }

    /// <summary>
    /// After authentication: a state-changing request authenticated by the dashboard cookie must carry a valid
    /// antiforgery token (header X-CSRF-TOKEN, or the form field); otherwise 403. Requests with an API key in the
    /// Authorization header are not affected — a cross-site page cannot set that header.
    /// </summary>
    public static void UseDashboardCsrfGate(this WebApplication app) => app.Use(async (context, next) =>
    {
        bool safe = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method);
        if (!safe && context.User.HasClaim(DashboardSession.MethodClaim, DashboardSession.CookieMethod))
        {
            IAntiforgery antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Missing or invalid antiforgery token.",
                        Detail = $"Requests signed in with the dashboard cookie must send the token from GET /dashboard/session in the {CsrfHeader} header.",
                    },
                });
                return;
            }
        }

        await next();
    });
}
