using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// Issue 19 point 6, through a real reverse proxy on this machine (<see cref="LoopbackProxy"/>): a request relayed by a
/// proxy that is not listed in RunRecovery:ForwardedHeaders is never a loopback client — not for /hangfire, not for the
/// failed-key limit's exemption, not for the https redirect, not for /health/runtime — while a listed proxy's clients are who it says.
/// </summary>
public sealed class ProxyTrustTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string RemoteClient = "203.0.113.7";

    private const string PublicHost = "runrecovery.example.org";

    private static readonly IPAddress ListedProxy = IPAddress.Parse("127.0.0.2");

    private static readonly IPAddress UnlistedProxy = IPAddress.Parse("127.0.0.3");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_proxy_listed_a_proxy_on_this_machine_does_not_make_its_clients_loopback()
    {
        // The defaults (no KnownProxies) with a proxy beside the service: the setup the issue found /hangfire open in.
        await using Host host = await StartAsync(
            "--RunRecovery:Authentication:FailureLimit=3",
            "--RunRecovery:Authentication:FailureWindow=00:10:00",
            "--RunRecovery:Diagnostics:Runtime=true");
        await using LoopbackProxy proxy = await LoopbackProxy.StartAsync(host.BaseAddress, IPAddress.Loopback, ProxyHeaders.XForwarded, "https", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, await host.StatusAsync(proxy.BaseAddress, "/hangfire", client: RemoteClient));
        Assert.Equal(HttpStatusCode.OK, await host.StatusAsync(host.BaseAddress, "/hangfire"));

        // The loopback-only diagnostics (a forced full collection on request) likewise.
        Assert.Equal(HttpStatusCode.NotFound, await host.StatusAsync(proxy.BaseAddress, "/health/runtime", client: RemoteClient));
        Assert.Equal(HttpStatusCode.OK, await host.StatusAsync(host.BaseAddress, "/health/runtime"));

        // Bad keys through the proxy are limited (all its clients share its address); bad keys typed on this machine are not.
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await host.StatusAsync(proxy.BaseAddress, "/api/runners/me", key: ApiKey.Issue().Key, client: RemoteClient));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await host.StatusAsync(proxy.BaseAddress, "/api/runners/me", key: ApiKey.Issue().Key, client: RemoteClient));
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await host.StatusAsync(host.BaseAddress, "/api/runners/me", key: ApiKey.Issue().Key));
        }
    }

    [Fact]
    public async Task A_listed_proxy_names_its_clients_and_an_unlisted_one_claiming_loopback_is_not_believed()
    {
        await using Host host = await StartAsync($"--RunRecovery:ForwardedHeaders:KnownProxies:0={ListedProxy}", "--RunRecovery:Https:Redirect=Off");
        await using LoopbackProxy listed = await LoopbackProxy.StartAsync(host.BaseAddress, ListedProxy, ProxyHeaders.XForwarded, "https", Cancel);
        await using LoopbackProxy unlisted = await LoopbackProxy.StartAsync(host.BaseAddress, UnlistedProxy, ProxyHeaders.XForwarded, "https", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, await host.StatusAsync(listed.BaseAddress, "/hangfire", client: RemoteClient));
        Assert.Equal(HttpStatusCode.OK, await host.StatusAsync(listed.BaseAddress, "/hangfire", client: "127.0.0.1")); // the listed proxy vouches
        Assert.Equal(HttpStatusCode.Unauthorized, await host.StatusAsync(unlisted.BaseAddress, "/hangfire", client: "127.0.0.1"));
        Assert.Equal(HttpStatusCode.OK, await host.StatusAsync(host.BaseAddress, "/hangfire"));
    }

    [Fact]
    public async Task A_listed_proxy_that_sends_only_the_Forwarded_header_is_not_read_so_its_clients_are_not_loopback()
    {
        // ASP.NET Core does not read RFC 7239 Forwarded; the service then cannot know the client, so it assumes the worst.
        await using Host host = await StartAsync($"--RunRecovery:ForwardedHeaders:KnownProxies:0={ListedProxy}", "--RunRecovery:Https:Redirect=Off");
        await using LoopbackProxy proxy = await LoopbackProxy.StartAsync(host.BaseAddress, ListedProxy, ProxyHeaders.Forwarded, "https", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, await host.StatusAsync(proxy.BaseAddress, "/hangfire", client: "127.0.0.1"));
    }

    [Fact]
    public async Task Redirect_decisions_believe_only_the_listed_proxy()
    {
        await using Host host = await StartAsync($"--RunRecovery:ForwardedHeaders:KnownProxies:0={ListedProxy}");
        await using LoopbackProxy https = await LoopbackProxy.StartAsync(host.BaseAddress, ListedProxy, ProxyHeaders.XForwarded, "https", Cancel);
        await using LoopbackProxy http = await LoopbackProxy.StartAsync(host.BaseAddress, ListedProxy, ProxyHeaders.XForwarded, "http", Cancel);
        await using LoopbackProxy unlisted = await LoopbackProxy.StartAsync(host.BaseAddress, UnlistedProxy, ProxyHeaders.XForwarded, "https", Cancel);

        using HttpResponseMessage secure = await host.SendAsync(https.BaseAddress, "/api/runners/me", client: RemoteClient);
        using HttpResponseMessage plain = await host.SendAsync(http.BaseAddress, "/api/runners/me", client: RemoteClient);
        using HttpResponseMessage claimed = await host.SendAsync(unlisted.BaseAddress, "/api/runners/me", client: "127.0.0.1");
        using HttpResponseMessage local = await host.SendAsync(host.BaseAddress, "/api/runners/me");

        Assert.Equal(HttpStatusCode.Unauthorized, secure.StatusCode);
        Assert.True(secure.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal($"https://{PublicHost}/api/runners/me", plain.Headers.Location?.OriginalString);

        // An unlisted proxy's "https" and "127.0.0.1" are not believed: a plain http request from elsewhere, redirected.
        Assert.Equal(HttpStatusCode.PermanentRedirect, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode);
    }

    [Fact]
    public async Task Plain_http_on_a_lan_signs_in_with_a_cookie_the_browser_keeps_and_a_proxy_gets_a_secure_one()
    {
        await using Host host = await StartAsync();
        (string key, string lanCookie) = await SignInAsync(host.BaseAddress, host.BaseAddress, "192.168.1.20:8080");
        await using LoopbackProxy proxy = await LoopbackProxy.StartAsync(host.BaseAddress, IPAddress.Loopback, ProxyHeaders.XForwarded, "https", Cancel);
        (_, string proxiedCookie) = await SignInAsync(host.BaseAddress, proxy.BaseAddress, PublicHost);

        Assert.DoesNotContain("; secure", lanCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", lanCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", proxiedCookie, StringComparison.OrdinalIgnoreCase);

        // The cookie works over plain http: the browser sends it back and the dashboard's API calls are answered.
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runners/me");
        request.Headers.Host = "192.168.1.20:8080";
        request.Headers.Add("Cookie", lanCookie.Split(';')[0]);
        using HttpResponseMessage me = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.NotEmpty(key);
    }

    /// <summary>Creates a runner and signs in with its key through <paramref name="via"/> as a browser would; the session cookie as set.</summary>
    private static async Task<(string Key, string Cookie)> SignInAsync(Uri service, Uri via, string hostHeader)
    {
        using var direct = new HttpClient { BaseAddress = service };
        using HttpResponseMessage created = await direct.PostAsJsonAsync("/api/runners", new { name = "Lan", email = $"{Guid.NewGuid():N}@example.org", timeZone = "UTC" }, Cancel);
        string key = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;

        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = via };
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/dashboard/session");
        probe.Headers.Host = hostHeader;
        using HttpResponseMessage session = await browser.SendAsync(probe, Cancel);
        string token = (await session.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("csrfToken").GetString()!;
        string csrf = session.Headers.GetValues("Set-Cookie").Select(value => value.Split(';')[0]).Single(value => value.StartsWith("rr_csrf=", StringComparison.Ordinal));

        using var form = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = key, ["__RequestVerificationToken"] = token }),
        };
        form.Headers.Host = hostHeader;
        form.Headers.Add("Cookie", csrf);
        using HttpResponseMessage signIn = await browser.SendAsync(form, Cancel);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        return (key, signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith($"{DashboardSession.CookieName}=", StringComparison.Ordinal)));
    }

    private async Task<Host> StartAsync(params string[] settings)
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(server.ConnectionString, ServiceRole.Api, settings, Cancel);
        client.Dispose();
        return new Host(service);
    }

    /// <summary>A second instance of the service on the fixture's database; requests go to it directly or through a proxy.</summary>
    private sealed class Host(RunRecoveryService service) : IAsyncDisposable
    {
        private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        public Uri BaseAddress => service.BaseAddress;

        public async Task<HttpStatusCode> StatusAsync(Uri via, string path, string? key = null, string? client = null)
        {
            using HttpResponseMessage response = await SendAsync(via, path, key, client);
            return response.StatusCode;
        }

        public async Task<HttpResponseMessage> SendAsync(Uri via, string path, string? key = null, string? client = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(via, path));
            request.Headers.Host = PublicHost;
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            if (client is not null)
            {
                request.Headers.Add(LoopbackProxy.ClientHeader, client);
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
