using System.Net;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Security;

/// <summary>The security headers on a sample of every kind of response the host gives.</summary>
public sealed class SecurityHeadersTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool, int, string> Responses => new()
    {
        // path, with the caller's key, expected status, kind
        { "/api/runners/me", true, 200, "api" },
        { "/api/activities?limit=5", true, 200, "api" },
        { "/api/runners/me", false, 401, "api" },
        { "/api/activities/0193a6f0-0000-7000-8000-000000000001", true, 404, "api" },
        { "/api/clubs/not-a-guid", true, 404, "api" },
        { "/dashboard/session", false, 200, "api" },
        { "/no/such/route", false, 404, "other" },
        { "/health/live", false, 200, "other" },
        { "/health/ready", false, 200, "other" },
        { "/openapi/v1.json", false, 200, "other" },
        { "/", false, 200, "dashboard" },
        { "/signin.html", false, 200, "dashboard" },
        { "/js/common.js", false, 200, "dashboard" },
        { "/css/app.css", false, 200, "dashboard" },
        { "/docs/v1", false, 200, "page" },
        { "/docs/scalar.js", false, 200, "other" },
        { "/hangfire", false, 200, "page" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_kind_of_response_carries_the_security_headers(string path, bool authenticated, int status, string kind)
    {
        string? key = authenticated ? (await host.CreateRunnerAsync()).Key : null;
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        using HttpResponseMessage response = await client.SendAsync(request, Cancel);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        string csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        switch (kind)
        {
            case "api":
                Assert.Equal("default-src 'none'; frame-ancestors 'none'", csp);
                Assert.Equal("no-store", Header(response, "Cache-Control"));
                break;
            case "dashboard":
                // The dashboard's own policy (DashboardComposition) is kept, not replaced.
                Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
                Assert.Equal("no-cache", Header(response, "Cache-Control"));
                break;
            case "page":
                // Scalar and Hangfire run inline scripts and Scalar loads its fonts from its CDN: only framing is refused.
                Assert.Equal("frame-ancestors 'none'", csp);
                Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
                break;
            default:
                Assert.Equal("default-src 'none'; frame-ancestors 'none'", csp);
                break;
        }
    }

    [Fact]
    public async Task Cors_is_not_open_to_other_origins()
    {
        (_, string key) = await host.CreateRunnerAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/runners/me");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/runners/me");
        read.Headers.Add("Origin", "https://evil.example");
        read.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using HttpResponseMessage preflightResponse = await host.Client.SendAsync(preflight, Cancel);
        using HttpResponseMessage readResponse = await host.Client.SendAsync(read, Cancel);

        Assert.NotEqual(HttpStatusCode.NoContent, preflightResponse.StatusCode);
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(readResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(readResponse.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}).");
}
