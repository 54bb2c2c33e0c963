namespace RunRecovery.Api.Security;

/// <summary>
/// Headers set on every response of the host, whoever writes it (endpoints, problem details, static files, OpenAPI,
/// Scalar at /docs, Hangfire at /hangfire). They are added when the response starts, only where the response has not
/// set its own (the dashboard pages keep their stricter CSP from DashboardComposition). See docs/security.md,
/// "Transport and headers".
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For everything that is not a page (JSON, problem details, files, scripts): load nothing, never framed.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>For pages without their own policy (Scalar's /docs, Hangfire's /hangfire): never framed.</summary>
    public const string PageContentSecurityPolicy = "frame-ancestors 'none'";

    /// <summary>No browser feature the service uses: deny the powerful ones outright.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        HttpResponse response = context.Response;
        response.OnStarting(() =>
        {
            IHeaderDictionary headers = response.Headers;
            bool page = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            SetIfAbsent(headers, "Referrer-Policy", "no-referrer");
            SetIfAbsent(headers, "Cross-Origin-Opener-Policy", "same-origin");
            SetIfAbsent(headers, "Permissions-Policy", PermissionsPolicy);
            SetIfAbsent(headers, "Content-Security-Policy", page ? PageContentSecurityPolicy : ApiContentSecurityPolicy);

            // A runner's data must not sit in a shared or browser cache: every API and dashboard-session answer
            // (authenticated or not, success or problem) is no-store.
            PathString path = context.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/dashboard"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });

    private static void SetIfAbsent(IHeaderDictionary headers, string name, string value)
    {
        if (!headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }
}
