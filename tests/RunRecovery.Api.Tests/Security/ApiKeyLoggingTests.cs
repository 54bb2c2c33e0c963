using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Tests.Security;

/// <summary>The service with every category logging at Trace into a <see cref="CapturingLoggerProvider"/> (the console stays at Warning).</summary>
public sealed class LogCapturingHost(TestPostgres postgres) : RunnerHost(postgres)
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override IEnumerable<string> Settings =>
    [
        "--Logging:LogLevel:Default=Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore=Trace",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Trace",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Trace",
        "--Logging:LogLevel:Hangfire=Trace",
        "--Logging:Console:LogLevel:Default=None",
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ILoggerProvider>(Logs);
    }
}

/// <summary>Keys are shown once, to their owner, and never written to a log: not when issued, rotated, claimed, refused or typed into the dashboard.</summary>
public sealed partial class ApiKeyLoggingTests(LogCapturingHost host) : IClassFixture<LogCapturingHost>, IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task No_key_reaches_a_log_message_or_exception_at_trace_level()
    {
        var keys = new List<string>();

        // Issued: a new runner, a rotation, a managed runner's claim.
        (_, string first) = await host.CreateRunnerAsync();
        keys.Add(first);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/api/runners/me", first));
        string second = await RotateAsync(first);
        keys.Add(second);
        string claimed = await ClaimAsync(second);
        keys.Add(claimed);

        // Refused: the revoked key, a well-formed unknown key, malformed keys, another scheme.
        string unknown = ApiKey.Issue().Key;
        string malformed = ApiKey.Prefix + new string('!', 43);
        string truncated = second[..^1];
        keys.AddRange([unknown, malformed, truncated]);
        foreach (string refused in new[] { first, unknown, malformed, truncated })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, "/api/runners/me", refused));
        }

        using (var basic = new HttpRequestMessage(HttpMethod.Get, "/api/runners/me"))
        {
            basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", second);
            using HttpResponseMessage response = await _client.SendAsync(basic, Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // The dashboard: sign-in with the current key (then use the session), with the revoked, unknown and malformed ones.
        string session = await SignInAsync(second) ?? throw new InvalidOperationException("Sign-in with the current key failed.");
        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/runners/me"))
        {
            withCookie.Headers.Add("Cookie", session);
            using HttpResponseMessage response = await _client.SendAsync(withCookie, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (string refused in new[] { first, unknown, malformed })
        {
            Assert.Null(await SignInAsync(refused));
        }

        string[] entries = [.. host.Logs.Entries];
        Assert.Contains(entries, entry => entry.Contains("ApiKey was not authenticated", StringComparison.Ordinal)); // the handler's failures are captured
        Assert.Contains(entries, entry => entry.Contains("api_key_hash", StringComparison.Ordinal)); // and EF's commands that look keys up
        foreach (string key in keys)
        {
            string secret = key[ApiKey.Prefix.Length..];
            Assert.DoesNotContain(entries, entry => entry.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(entries, entry => KeyLike().IsMatch(entry));
    }

    [Fact]
    public async Task Malformed_keys_are_refused_without_a_database_round_trip()
    {
        (_, string key) = await host.CreateRunnerAsync();
        string[] malformed = [ApiKey.Prefix + new string('!', 43), key[..^1], key + "A", "rr_", key.Replace("rr_", "xx_", StringComparison.Ordinal), new string('A', 4096)];
        int before = LookupCommands();
        foreach (string candidate in malformed)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, "/api/runners/me", candidate));
        }

        Assert.Equal(before, LookupCommands());

        // A well-formed key does reach the database, once per request (found or not).
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, "/api/runners/me", ApiKey.Issue().Key));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/api/runners/me", key));
        Assert.Equal(before + 2, LookupCommands());
    }

    [Fact]
    public async Task Entity_framework_logs_no_parameter_values()
    {
        bool sensitive = await host.InScopeAsync(services => Task.FromResult(
            services.GetRequiredService<RunRecoveryDb>().GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.IsSensitiveDataLoggingEnabled));
        Assert.False(sensitive);
    }

    /// <summary>
    /// rr_ followed by key text: 16 or more base64url characters, not inside a longer word. The cookie names rr_session
    /// and rr_csrf are shorter; the test databases' names (rr_test_…) are excluded.
    /// </summary>
    [GeneratedRegex("(?<![A-Za-z0-9_])rr_(?!test_)[A-Za-z0-9_-]{16,}")]
    private static partial Regex KeyLike();

    /// <summary>Executed commands that look a runner up by key hash.</summary>
    private int LookupCommands() => host.Logs.Entries.Count(entry =>
        entry.StartsWith("Information Microsoft.EntityFrameworkCore.Database.Command: Executed DbCommand", StringComparison.Ordinal)
        && entry.Contains("WHERE r.api_key_hash = @", StringComparison.Ordinal));

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using HttpResponseMessage response = await _client.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    private async Task<string> RotateAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runners/me/keys");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using HttpResponseMessage response = await _client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;
    }

    private async Task<string> ClaimAsync(string adminKey)
    {
        using HttpResponseMessage club = await host.SendAsync(HttpMethod.Post, "/api/clubs", adminKey, JsonContent.Create(new { name = "Log club" }));
        Guid clubId = (await club.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        using HttpResponseMessage managed = await host.SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", adminKey, JsonContent.Create(new { name = "Managed" }));
        string code = (await managed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("claimCode").GetString()!;
        using HttpResponseMessage claim = await _client.PostAsJsonAsync("/api/clubs/claim", new { code }, Cancel);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        return (await claim.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;
    }

    /// <summary>Signs in as the dashboard's form does; the session cookie ("rr_session=…"), or null when refused.</summary>
    private async Task<string?> SignInAsync(string key)
    {
        using HttpResponseMessage probe = await _client.GetAsync("/dashboard/session", Cancel);
        string token = (await probe.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("csrfToken").GetString()!;
        string csrf = probe.Headers.GetValues("Set-Cookie").Select(value => value.Split(';')[0]).Single(value => value.StartsWith("rr_csrf=", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = key, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", csrf);
        using HttpResponseMessage response = await _client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? cookies)
            ? cookies.Select(value => value.Split(';')[0]).SingleOrDefault(value => value.StartsWith("rr_session=", StringComparison.Ordinal))
            : null;
    }
}
