using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// RunRecovery:Authentication:FailureLimit per client address. Clients are told apart by X-Forwarded-For from the
/// trusted proxy (127.0.0.1), as behind a real proxy; direct loopback clients are exempt.
/// </summary>
public sealed class FailedAuthenticationLimitTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string Attacker = "203.0.113.20";

    private const string Neighbour = "203.0.113.21";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failed_keys_past_the_limit_get_429_with_retry_after_for_that_address_only_and_valid_keys_still_work()
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString,
            ServiceRole.Api,
            ["--RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.1", "--RunRecovery:Authentication:FailureLimit=3", "--RunRecovery:Authentication:FailureWindow=00:10:00"],
            Cancel);
        await using (service)
        using (client)
        {
            string valid = await CreateRunnerAsync(client);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", ApiKey.Issue().Key, Attacker)).StatusCode);
            }

            // Loopback clients are exempt.
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", "rr_nonsense", forwardedFor: null)).StatusCode);
            }

            using HttpResponseMessage blocked = await SendAsync(client, HttpMethod.Get, "/api/runners/me", ApiKey.Issue().Key, Attacker);
            JsonElement problem = await blocked.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            int retryAfter = int.Parse(Assert.Single(blocked.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, 600);
            Assert.Contains("failed authentication", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", "rr_malformed", Attacker)).StatusCode);

            // The same address (a household or club behind one NAT): a valid key is not locked out, for reads and writes.
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", valid, Attacker)).StatusCode);
            using HttpResponseMessage checkin = await SendAsync(
                client, HttpMethod.Post, "/api/runners/me/checkins", valid, Attacker, JsonContent.Create(new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), bodyPart = "calves", soreness = 3 }));
            Assert.Equal(HttpStatusCode.Created, checkin.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", ApiKey.Issue().Key, Attacker)).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", valid, Neighbour)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/health/live", key: null, Attacker)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", valid, forwardedFor: null)).StatusCode);
        }
    }

    [Fact]
    public async Task Successful_requests_do_not_count()
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString,
            ServiceRole.Api,
            ["--RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.1", "--RunRecovery:Authentication:FailureLimit=2"],
            Cancel);
        await using (service)
        using (client)
        {
            string valid = await CreateRunnerAsync(client);
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/api/runners/me", valid, Attacker)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task Keys_refused_by_the_dashboard_sign_in_count_too_and_a_valid_key_still_signs_in()
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString,
            ServiceRole.Api,
            ["--RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.1", "--RunRecovery:Authentication:FailureLimit=2", "--RunRecovery:Authentication:FailureWindow=00:10:00"],
            Cancel);
        await using (service)
        using (client)
        {
            using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress };
            Assert.Equal(HttpStatusCode.SeeOther, await SignInAsync(browser, ApiKey.Issue().Key));
            Assert.Equal(HttpStatusCode.SeeOther, await SignInAsync(browser, "not a key"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(browser, ApiKey.Issue().Key));
            Assert.Equal(HttpStatusCode.SeeOther, await SignInAsync(browser, await CreateRunnerAsync(client))); // signed in: the valid key
        }
    }

    [Fact]
    public async Task Refused_recovery_codes_count_and_past_the_limit_only_a_valid_code_gets_through()
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString,
            ServiceRole.Api,
            ["--RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.1", "--RunRecovery:Authentication:FailureLimit=2", "--RunRecovery:Authentication:FailureWindow=00:10:00"],
            Cancel);
        await using (service)
        using (client)
        {
            string email = $"{Guid.NewGuid():N}@example.org";
            using HttpResponseMessage created = await client.PostAsJsonAsync("/api/runners", new { name = "R", email, timeZone = "UTC" }, Cancel);
            string code = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("recoveryCode").GetString()!;
            const string wrong = "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA";

            Assert.Equal(HttpStatusCode.Unauthorized, (await RecoverAsync(client, email, wrong)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await RecoverAsync(client, email, wrong)).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await RecoverAsync(client, email, wrong)).StatusCode);
            using HttpResponseMessage recovered = await RecoverAsync(client, email, code);
            Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
            Assert.StartsWith("rr_", (await recovered.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString(), StringComparison.Ordinal);
        }
    }

    private static Task<HttpResponseMessage> RecoverAsync(HttpClient client, string email, string code) =>
        SendAsync(client, HttpMethod.Post, "/api/runners/recover", key: null, Attacker, JsonContent.Create(new { email, recoveryCode = code }));

    private static async Task<HttpStatusCode> SignInAsync(HttpClient browser, string key)
    {
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/dashboard/session");
        probe.Headers.Add("X-Forwarded-For", Attacker);
        probe.Headers.Add("X-Forwarded-Proto", "https");
        using HttpResponseMessage session = await browser.SendAsync(probe, Cancel);
        string token = (await session.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("csrfToken").GetString()!;
        string csrf = session.Headers.GetValues("Set-Cookie").Select(value => value.Split(';')[0]).Single(value => value.StartsWith("rr_csrf=", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = key, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", csrf);
        request.Headers.Add("X-Forwarded-For", Attacker);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using HttpResponseMessage response = await browser.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    private static async Task<string> CreateRunnerAsync(HttpClient client)
    {
        using HttpResponseMessage created = await client.PostAsJsonAsync("/api/runners", new { name = "R", email = $"{Guid.NewGuid():N}@example.org", timeZone = "UTC" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string path, string? key, string? forwardedFor, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Forwarded-Proto", "https"); // the proxy terminated TLS (else the host redirects to https)
        }

        return await client.SendAsync(request, Cancel);
    }
}
