using System.Net;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// RunRecovery:Https:Redirect and RunRecovery:ForwardedHeaders on the real host. The tests reach it from 127.0.0.1;
/// a "remote" client is one a trusted proxy names in X-Forwarded-For.
/// </summary>
public sealed class TransportSecurityTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string PublicHost = "runrecovery.example.org";

    private const string RemoteClient = "203.0.113.7";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Always_redirects_http_with_308_to_https_except_health()
    {
        await using Host host = await StartAsync("--RunRecovery:Https:Redirect=Always");

        using HttpResponseMessage api = await host.SendAsync("/api/runners/me?page=2");
        using HttpResponseMessage health = await host.SendAsync("/health/live");

        Assert.Equal(HttpStatusCode.PermanentRedirect, api.StatusCode);
        Assert.Equal($"https://127.0.0.1/api/runners/me?page=2", api.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Always_redirects_to_the_configured_port()
    {
        await using Host host = await StartAsync("--RunRecovery:Https:Redirect=Always", "--RunRecovery:Https:Port=8443");

        using HttpResponseMessage response = await host.SendAsync("/index.html", hostHeader: PublicHost);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"https://{PublicHost}:8443/index.html", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Auto_does_not_redirect_loopback_requests_nor_send_hsts()
    {
        // The fixture's host runs with the defaults (Auto, no proxies, no https listener), as local development does:
        // no https to send anyone to, so nothing is redirected — not even a request relayed for someone else.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runners/me");
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", RemoteClient);
        using HttpResponseMessage response = await server.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_a_known_proxy_https_gets_hsts_and_http_is_redirected()
    {
        await using Host host = await StartAsync("--RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.1");

        using HttpResponseMessage https = await host.SendAsync("/api/runners/me", PublicHost, proto: "https", forwardedFor: RemoteClient);
        using HttpResponseMessage http = await host.SendAsync("/api/runners/me", PublicHost, proto: "http", forwardedFor: RemoteClient);
        using HttpResponseMessage local = await host.SendAsync("/api/runners/me", PublicHost);

        Assert.Equal(HttpStatusCode.Unauthorized, https.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.PermanentRedirect, http.StatusCode);
        Assert.Equal($"https://{PublicHost}/api/runners/me", http.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode); // the proxy's own loopback request: no redirect
    }

    [Fact]
    public async Task Behind_a_known_network_the_forwarded_client_counts_as_remote_for_hangfire()
    {
        await using Host host = await StartAsync("--RunRecovery:ForwardedHeaders:KnownNetworks:0=127.0.0.0/8");

        using HttpResponseMessage remote = await host.SendAsync("/hangfire", PublicHost, proto: "https", forwardedFor: RemoteClient);
        using HttpResponseMessage local = await host.SendAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, remote.StatusCode);
        Assert.True(remote.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_proxy_are_not_believed_and_its_requests_are_not_loopback()
    {
        await using Host host = await StartAsync("--RunRecovery:ForwardedHeaders:KnownProxies:0=10.1.2.3");

        using HttpResponseMessage https = await host.SendAsync("/api/runners/me", PublicHost, proto: "https", forwardedFor: RemoteClient);
        using HttpResponseMessage http = await host.SendAsync("/api/runners/me", PublicHost, proto: "http", forwardedFor: RemoteClient);
        using HttpResponseMessage hangfire = await host.SendAsync("/hangfire", PublicHost, proto: "https", forwardedFor: RemoteClient);
        using HttpResponseMessage local = await host.SendAsync("/api/runners/me", PublicHost);

        // Its "https" is not believed and the caller is not this machine: a plain http request from elsewhere.
        Assert.Equal(HttpStatusCode.PermanentRedirect, https.StatusCode);
        Assert.False(https.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, http.StatusCode);
        Assert.Equal(HttpStatusCode.PermanentRedirect, hangfire.StatusCode); // before: 200, the dashboard for anyone behind it
        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode); // a direct loopback request is still not redirected
    }

    [Fact]
    public async Task Off_never_redirects_nor_sends_hsts()
    {
        await using Host host = await StartAsync("--RunRecovery:Https:Redirect=Off", "--RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.1");

        using HttpResponseMessage https = await host.SendAsync("/api/runners/me", PublicHost, proto: "https", forwardedFor: RemoteClient);
        using HttpResponseMessage http = await host.SendAsync("/api/runners/me", PublicHost, proto: "http", forwardedFor: RemoteClient);

        Assert.False(https.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Unauthorized, http.StatusCode);
    }

    private async Task<Host> StartAsync(params string[] settings)
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(server.ConnectionString, ServiceRole.Api, settings, Cancel);
        client.Dispose();
        return new Host(service);
    }

    /// <summary>A second instance of the service on the fixture's database, with a client that follows no redirects.</summary>
    private sealed class Host(RunRecoveryService service) : IAsyncDisposable
    {
        private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = service.BaseAddress };

        public async Task<HttpResponseMessage> SendAsync(string path, string? hostHeader = null, string? proto = null, string? forwardedFor = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (hostHeader is not null)
            {
                request.Headers.Host = hostHeader;
            }

            if (proto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", proto);
            }

            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            return await _client.SendAsync(request, Cancel);
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await service.DisposeAsync();
        }
    }
}
