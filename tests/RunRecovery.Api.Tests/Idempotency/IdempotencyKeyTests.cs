using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Idempotency;

namespace RunRecovery.Api.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs through real HTTP and PostgreSQL (draft-ietf-httpapi-idempotency-key-header):
/// replay of the stored answer without doing the work again, 422 for the key on another request, 409 while the first
/// is in flight, keys scoped by principal, expiry after 24 h and the pruning job.
/// </summary>
public sealed class IdempotencyKeyTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private const string FitType = "application/vnd.ant.fit";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_same_upload_with_the_same_key_is_replayed_and_stored_once()
    {
        host.Clock.Fixed = null;
        (Guid runner, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3), minutes: 20);

        using HttpResponseMessage first = await UploadAsync(key, file, "run-1");
        using HttpResponseMessage second = await UploadAsync(key, file, "run-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode); // not 200 "duplicate": the first answer, replayed
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.NotNull(second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await second.Content.ReadAsStringAsync(Cancel));
        Assert.False(first.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(IdempotencyKeys.ReplayedHeader)));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
    }

    [Fact]
    public async Task The_same_key_on_a_different_body_is_refused_with_422_and_nothing_is_stored()
    {
        host.Clock.Fixed = null;
        (Guid runner, string key) = await host.CreateRunnerAsync();
        using HttpResponseMessage first = await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), minutes: 20), "reused");
        using HttpResponseMessage second = await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), minutes: 25), "reused");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        JsonElement problem = await second.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("idempotency-key-reused", problem.GetProperty("code").GetString());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
    }

    [Fact]
    public async Task Two_parallel_uploads_with_one_key_store_one_activity()
    {
        host.Clock.Fixed = null;
        (Guid runner, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(8), minutes: 40);

        HttpResponseMessage[] answers = await Task.WhenAll(UploadAsync(key, file, "parallel"), UploadAsync(key, file, "parallel"));
        try
        {
            HttpStatusCode[] statuses = [.. answers.Select(answer => answer.StatusCode).Order()];
            // One did the work (201); the other either arrived while it ran (409) or after it finished (the 201 replayed).
            Assert.Contains(statuses, status => status == HttpStatusCode.Created);
            Assert.All(statuses, status => Assert.True(status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"unexpected {status}"));
            Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
        }
        finally
        {
            Array.ForEach(answers, answer => answer.Dispose());
        }
    }

    [Fact]
    public async Task A_key_whose_first_request_is_in_flight_answers_409_with_retry_after()
    {
        host.Clock.Fixed = null;
        (Guid runner, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(12), minutes: 20);
        // The first request's claim, as IdempotencyStore.BeginAsync writes it before the work starts.
        await host.ScalarAsync(
            "INSERT INTO runrecovery.idempotency_keys (principal, key, runner_id, fingerprint, completed, created_at, expires_at) VALUES ($1, 'in-flight', $2, $3, false, now(), now() + interval '24 hours')",
            $"runner:{runner}", runner, Fingerprint("/api/activities", FitType, file));

        using HttpResponseMessage answer = await UploadAsync(key, file, "in-flight");

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Equal("1", answer.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("idempotency-key-in-flight", (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
    }

    [Fact]
    public async Task Keys_belong_to_their_principal()
    {
        host.Clock.Fixed = null;
        (Guid a, string keyA) = await host.CreateRunnerAsync();
        (Guid b, string keyB) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(6), minutes: 30);

        using HttpResponseMessage first = await UploadAsync(keyA, file, "shared-key");
        using HttpResponseMessage second = await UploadAsync(keyB, file, "shared-key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(second.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", a));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", b));
    }

    [Fact]
    public async Task Check_ins_and_sign_up_are_replayed_too()
    {
        host.Clock.Fixed = null;
        (Guid runner, string key) = await host.CreateRunnerAsync();
        string checkin = $$"""{"date":"{{Today}}","bodyPart":"calves","soreness":6}""";
        using HttpResponseMessage first = await PostJsonAsync("/api/runners/me/checkins", key, checkin, "checkin-1");
        using HttpResponseMessage second = await PostJsonAsync("/api/runners/me/checkins", key, checkin, "checkin-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await second.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.checkins WHERE runner_id = $1", runner));

        string email = $"{Guid.NewGuid():N}@example.org";
        string signUp = $$"""{"name":"Ana","email":"{{email}}","timeZone":"UTC"}""";
        using HttpResponseMessage created = await PostJsonAsync("/api/runners", null, signUp, "sign-up-1");
        using HttpResponseMessage again = await PostJsonAsync("/api/runners", null, signUp, "sign-up-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode); // not 409 "email taken": the first answer, with its key
        Assert.Equal(await created.Content.ReadAsStringAsync(Cancel), await again.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.runners WHERE email = $1", email));
    }

    [Fact]
    public async Task A_stored_answer_lasts_24_hours_and_the_pruning_job_deletes_it_afterwards()
    {
        (Guid runner, string key) = await host.CreateRunnerAsync();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        host.Clock.Fixed = now;
        try
        {
            string checkin = $$"""{"date":"{{Today}}","bodyPart":"shins","soreness":3}""";
            using HttpResponseMessage first = await PostJsonAsync("/api/runners/me/checkins", key, checkin, "day-old");
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            const string Held = "SELECT count(*) FROM runrecovery.idempotency_keys WHERE runner_id = $1";
            await PruneAsync();
            Assert.Equal(1, await host.ScalarAsync(Held, runner)); // not expired yet

            host.Clock.Fixed = now + IdempotencyStore.Lifetime + TimeSpan.FromMinutes(1);
            Assert.True(await PruneAsync() >= 1); // this class's other tests share the database: their keys expire too
            Assert.Equal(0, await host.ScalarAsync(Held, runner));

            // The key is free again: the same request does the work again (a second check-in for the day and part is an upsert or a new row, not a replay).
            using HttpResponseMessage later = await PostJsonAsync("/api/runners/me/checkins", key, checkin, "day-old");
            Assert.False(later.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        }
        finally
        {
            host.Clock.Fixed = null;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("key with spaces")]
    public async Task A_malformed_key_is_a_400(string header)
    {
        host.Clock.Fixed = null;
        (_, string key) = await host.CreateRunnerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runners/me/checkins")
        {
            Content = new StringContent("""{"date":"2024-05-02","bodyPart":"calves","soreness":1,"pain":0}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, header);

        using HttpResponseMessage answer = await host.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("idempotency-key-invalid", (await answer.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
    }

    private Task<int> PruneAsync() =>
        host.InScopeAsync(services => ActivatorUtilities.CreateInstance<PruneIdempotencyKeysJob>(services).RunAsync(Cancel));

    private async Task<HttpResponseMessage> UploadAsync(string apiKey, byte[] file, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(FitType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Add(IdempotencyKeys.Header, $"\"{idempotencyKey}\"");
        return await host.Client.SendAsync(request, Cancel);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string? apiKey, string json, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        request.Headers.Add(IdempotencyKeys.Header, idempotencyKey);
        return await host.Client.SendAsync(request, Cancel);
    }

    /// <summary>The fingerprint IdempotencyKeys computes: SHA-256 of method, path, query, content type, then the body.</summary>
    private static byte[] Fingerprint(string path, string contentType, byte[] body) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes($"POST\n{path}\n\n{contentType}\n"), .. body]);
}
