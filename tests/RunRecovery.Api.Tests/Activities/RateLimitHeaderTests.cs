using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>A host whose general per-key limit is 4 requests per minute.</summary>
public sealed class FourRequestsHost(TestPostgres postgres) : RunnerHost(postgres)
{
    protected override IEnumerable<string> Settings => ["--RunRecovery:RateLimits:RequestsPerWindow=4", "--RunRecovery:RateLimits:Window=00:01:00"];
}

public sealed class RateLimitHeaderTests(FourRequestsHost host) : IClassFixture<FourRequestsHost>
{
    [Fact]
    public async Task Every_keyed_answer_counts_down_errors_included_and_the_fifth_is_429_for_that_key_only()
    {
        (_, string key) = await host.CreateRunnerAsync();
        (_, string other) = await host.CreateRunnerAsync();
        string[] paths = ["/api/activities", "/api/runners/me/profile", $"/api/activities/{Guid.NewGuid()}", "/api/runners/me/checkins"];
        HttpStatusCode[] expected = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK];
        for (int i = 0; i < paths.Length; i++)
        {
            using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, paths[i], key);
            Assert.Equal(expected[i], response.StatusCode);
            Assert.Equal("4", Header(response, "RateLimit-Limit"));
            Assert.Equal((3 - i).ToString(CultureInfo.InvariantCulture), Header(response, "RateLimit-Remaining"));
            Assert.InRange(int.Parse(Header(response, "RateLimit-Reset"), CultureInfo.InvariantCulture), 1, 60);
        }

        using HttpResponseMessage limited = await host.SendAsync(HttpMethod.Get, "/api/activities", key);
        Assert.Equal("requests-per-key", (await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("limit").GetString());
        Assert.Equal("0", Header(limited, "RateLimit-Remaining"));
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        using HttpResponseMessage otherKey = await host.SendAsync(HttpMethod.Get, "/api/activities", other);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal("3", Header(otherKey, "RateLimit-Remaining"));
    }

    [Fact]
    public async Task Requests_without_a_key_carry_no_rate_limit_headers()
    {
        using HttpResponseMessage signUp = await host.Client.PostAsJsonAsync(
            "/api/runners", new { name = "R", email = $"{Guid.NewGuid():N}@example.org", timeZone = "UTC" }, TestContext.Current.CancellationToken);
        using HttpResponseMessage unauthorised = await host.Client.GetAsync(new Uri("/api/activities", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.False(signUp.Headers.Contains("RateLimit-Limit"));
        Assert.False(unauthorised.Headers.Contains("RateLimit-Limit"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : "(none)";
}
