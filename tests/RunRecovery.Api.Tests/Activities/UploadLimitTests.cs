using System.Net;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>A host with small limits: 60 kB files, three uploads per key per minute.</summary>
public sealed class LimitedHost(TestPostgres postgres) : RunnerHost(postgres)
{
    public const int MaxFileBytes = 60_000;

    protected override IEnumerable<string> Settings =>
    [
        $"--RunRecovery:Uploads:MaxFileBytes={MaxFileBytes}",
        "--RunRecovery:Uploads:RateLimitPermits=3",
        "--RunRecovery:Uploads:RateLimitWindow=00:01:00",
    ];
}

public sealed class UploadLimitTests(LimitedHost host) : IClassFixture<LimitedHost>
{
    [Fact]
    public async Task A_raw_file_over_the_limit_answers_413_and_is_not_stored()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] big = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3), 60); // 3600 records: well over 60 kB
        Assert.True(big.Length > LimitedHost.MaxFileBytes);

        using HttpResponseMessage response = await host.UploadAsync(key, big);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task A_multipart_file_over_the_limit_fails_alone()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 60)), "files", "big.fit" },
            { new ByteArrayContent(SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 10)), "files", "small.fit" },
        };

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Post, "/api/activities", key, form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"too-large\"", body, StringComparison.Ordinal);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task The_fourth_upload_in_a_minute_answers_429_with_retry_after_and_other_keys_are_unaffected()
    {
        (_, string key) = await host.CreateRunnerAsync();
        (_, string other) = await host.CreateRunnerAsync();
        for (int i = 1; i <= 3; i++)
        {
            using HttpResponseMessage allowed = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(24 * i), 5));
            Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
            Assert.Equal(("3", (3 - i).ToString(System.Globalization.CultureInfo.InvariantCulture)), RateLimit(allowed));
        }

        using HttpResponseMessage limited = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(24 * 9), 5));
        Assert.Equal("uploads-per-key", (await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("limit").GetString());
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(("3", "0"), RateLimit(limited));
        Assert.Equal(limited.Headers.RetryAfter.Delta.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(limited, "RateLimit-Reset"));

        using HttpResponseMessage otherKey = await host.UploadAsync(other, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(24 * 9), 5));
        Assert.Equal(HttpStatusCode.Created, otherKey.StatusCode);

        // Reads are not held by the upload limit; they report the general one (1000 per minute by default).
        using HttpResponseMessage list = await host.SendAsync(HttpMethod.Get, "/api/activities", key);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("1000", RateLimit(list).Limit);
    }

    private static (string Limit, string Remaining) RateLimit(HttpResponseMessage response) =>
        (Header(response, "RateLimit-Limit"), Header(response, "RateLimit-Remaining"));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : "(none)";
}
