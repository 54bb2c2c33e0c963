using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Jobs;

/// <summary>The scoring job called directly (the host runs no Hangfire server), against the real database.</summary>
public sealed class ScoringJobTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_uploads_enqueues_one_scoring_job_for_the_runner()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        long jobsBefore = await ScoringJobsAsync();

        await Task.WhenAll(Enumerable.Range(1, 12).Select(async i =>
            await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(24 * i), 30)))));

        Assert.Equal(1, await ScoringJobsAsync() - jobsBefore);
        Assert.Equal(12, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id = $1 AND job_pending", runnerId));

        // Once the job has started, the next upload enqueues a fresh one.
        await RunJobAsync(runnerId);
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 30)));
        Assert.Equal(2, await ScoringJobsAsync() - jobsBefore);
    }

    /// <summary>
    /// The upload reads the scoring row under its lock in one batch with the duplicate checks and writes the request
    /// with its inserts (<c>ScoringQueue.RequestOnSave</c>): each file still bumps the version once, the earliest
    /// changed start is kept, a duplicate requests nothing, and one job scores every stored file.
    /// </summary>
    [Fact]
    public async Task Uploads_request_scoring_with_their_inserts_once_per_file_keeping_the_earliest_start()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        long jobsBefore = await ScoringJobsAsync();
        byte[] first = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(24), 30);
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, first)); // creates the runner's scoring row
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(72), 30)));
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(48), 30)));
        using (HttpResponseMessage again = await host.UploadAsync(key, first))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode); // a duplicate: stored nothing, requested nothing
        }

        const string Row = "SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id = $1 AND ";
        Assert.Equal(3, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId));
        Assert.Equal(1, await host.ScalarAsync(Row + "job_pending AND dirty_since = (SELECT min(start_utc) FROM runrecovery.activities WHERE runner_id = $1)", runnerId));
        Assert.Equal(1, await ScoringJobsAsync() - jobsBefore);

        ScoreRunnerResult scored = await RunJobAsync(runnerId);
        Assert.Equal(3, scored.ActivitiesScored);
        Assert.Equal(3, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND loads IS NOT NULL", runnerId));
        Assert.Equal(1, await host.ScalarAsync(Row + "scored_version = 3 AND dirty_since IS NULL AND NOT job_pending", runnerId));

        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(10), 30)));
        Assert.Equal(1, await host.ScalarAsync(Row + "requested_version = 4 AND scored_version = 3 AND job_pending AND dirty_since = (SELECT max(start_utc) FROM runrecovery.activities WHERE runner_id = $1)", runnerId));
        Assert.Equal(2, await ScoringJobsAsync() - jobsBefore);
    }

    [Fact]
    public async Task Scoring_fills_loads_and_recovery_hours_and_queues_recommendations()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3), 60, 3.3)));

        ScoreRunnerResult result = await RunJobAsync(runnerId);

        Assert.True(result.Ran);
        Assert.Equal(1, result.ActivitiesScored);
        JsonElement detail = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.Equal("scored", detail.GetProperty("scoring").GetProperty("state").GetString());
        Assert.True(detail.GetProperty("activity").GetProperty("recoveryHours").GetDouble() > 0);
        JsonElement load = detail.GetProperty("loads")[0];
        Assert.True(load.GetProperty("cardioLoad").GetDouble() > 0);
        Assert.Equal("heart-rate-samples", load.GetProperty("cardioMethod").GetString());

        JsonElement queue = await host.GetJsonAsync("/api/runners/me/recommendations", key);
        Assert.True(queue.GetArrayLength() > 0);
        Assert.Contains(queue.EnumerateArray(), r => r.GetProperty("kind").GetString() == "massage" && r.GetProperty("activityId").GetGuid() == id);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id = $1 AND scored_version = requested_version", runnerId));
    }

    /// <summary>
    /// The queue items' fields, in order: the API's contract, which differs from <c>runrecovery plan --json</c>'s
    /// recommendation (docs/decisions/boundary-mirrors.md; PlanCommandTests pins that one).
    /// </summary>
    [Fact]
    public async Task Queue_items_keep_their_fields_in_contract_order()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3), 60, 3.3)));
        await RunJobAsync(runnerId);

        JsonElement queue = await host.GetJsonAsync("/api/runners/me/recommendations", key);

        Assert.True(queue.GetArrayLength() > 0);
        foreach (JsonElement r in queue.EnumerateArray())
        {
            Assert.Equal(
                ["id", "key", "kind", "status", "bodyParts", "technique", "tool", "durationMinutes", "dueUtc", "expiresUtc", "priority", "reasons",
                 "sources", "activityId", "day", "actedAt", "dismissReason", "delivery", "steps", "activityIds", "question", "trigger", "withdrawnAt",
                 "withdrawReason"],
                r.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task Running_the_job_twice_gives_the_same_queue_and_keeps_what_the_runner_acted_on()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(4), 75, 3.2)));
        await RunJobAsync(runnerId);
        JsonElement first = await host.GetJsonAsync("/api/runners/me/recommendations", key);

        await RunJobAsync(runnerId);
        JsonElement second = await host.GetJsonAsync("/api/runners/me/recommendations", key);
        Assert.Equal(Ids(first), Ids(second));

        Guid acted = first[0].GetProperty("id").GetGuid();
        string actedKey = first[0].GetProperty("key").GetString()!;
        using (HttpResponseMessage done = await host.SendAsync(HttpMethod.Post, $"/api/runners/me/recommendations/{acted}/done", key))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        await RunJobAsync(runnerId);
        JsonElement third = await host.GetJsonAsync("/api/runners/me/recommendations", key);
        JsonElement[] sameKey = [.. third.EnumerateArray().Where(r => r.GetProperty("key").GetString() == actedKey)];
        Assert.Single(sameKey);
        Assert.Equal("done", sameKey[0].GetProperty("status").GetString());
        Assert.Equal(acted, sameKey[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Concurrent_recomputes_of_one_runner_do_not_interleave()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        for (int i = 1; i <= 4; i++)
        {
            await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(20 * i), 50)));
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => RunJobAsync(runnerId), Cancel)));

        Assert.Equal(6, await host.ScalarAsync("SELECT recomputes FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND scoring_state <> 'scored'", runnerId));
        Assert.Equal(
            await host.ScalarAsync("SELECT count(DISTINCT key) FROM runrecovery.recommendations WHERE runner_id = $1", runnerId),
            await host.ScalarAsync("SELECT count(*) FROM runrecovery.recommendations WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Deleting_an_activity_rescores_without_it()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 60)));
        await RunJobAsync(runnerId);
        Assert.Contains((await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray(), r => r.GetProperty("activityId").ValueKind == JsonValueKind.String);

        using (HttpResponseMessage deleted = await host.SendAsync(HttpMethod.Delete, $"/api/activities/{id}", key))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await RunJobAsync(runnerId);
        Assert.DoesNotContain((await host.GetJsonAsync("/api/runners/me/recommendations?status=due", key)).EnumerateArray(), r => r.GetProperty("activityId").ValueKind == JsonValueKind.String);
        Assert.DoesNotContain((await host.GetJsonAsync("/api/runners/me/recommendations?status=upcoming", key)).EnumerateArray(), r => r.GetProperty("activityId").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Sweeper_reenqueues_a_runner_whose_change_was_never_scored()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(9), 30)));
        // As if the process died between commit and enqueue, three minutes ago.
        await host.ScalarAsync("UPDATE runrecovery.runner_scoring SET requested_at = now() - interval '3 minutes' WHERE runner_id = $1", runnerId);
        await host.ScalarAsync("UPDATE runrecovery.activities SET uploaded_at = now() - interval '3 minutes' WHERE runner_id = $1", runnerId);
        long jobsBefore = await ScoringJobsAsync();

        await host.InScopeAsync(async services =>
        {
            await new SweepUnscoredJob(services.GetRequiredService<ISender>()).RunAsync(Cancel);
            return true;
        });

        Assert.Equal(jobsBefore + 1, await ScoringJobsAsync());
        Assert.Equal(runnerId, await LatestScoringJobRunnerAsync());

        // A second sweep right away leaves it to the job just enqueued.
        long afterFirst = await ScoringJobsAsync();
        int swept = await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new SweepUnscored(), Cancel));
        Assert.Equal(0, swept);
        Assert.Equal(afterFirst, await ScoringJobsAsync());
    }

    [Fact]
    public async Task A_file_with_a_device_relative_clock_is_stored_but_marked_unscorable()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        // FIT timestamps below 0x10000000 count seconds since power-on, not dates: this "run" has no calendar start.
        var powerOn = new DateTimeOffset(1989, 12, 31, 0, 30, 0, TimeSpan.Zero);
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(powerOn, 30)));
        Guid dated = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 30)));

        await RunJobAsync(runnerId);

        JsonElement detail = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("activity").GetProperty("startUtc").ValueKind);
        Assert.Equal("unscorable", detail.GetProperty("scoring").GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(detail.GetProperty("scoring").GetProperty("note").GetString()));
        Assert.Equal("scored", (await host.GetJsonAsync($"/api/activities/{dated}", key)).GetProperty("scoring").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Load_endpoint_gives_the_daily_series_and_current_status()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(26), 60)));
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 45)));

        JsonElement load = await host.GetJsonAsync("/api/runners/me/load?days=30", key);

        JsonElement[] days = [.. load.GetProperty("days").EnumerateArray()];
        Assert.InRange(days.Length, 2, 30);
        Assert.True(days[^1].GetProperty("load").GetDouble() > 0 || days[^2].GetProperty("load").GetDouble() > 0);
        Assert.True(days[^1].GetProperty("acute").GetDouble() > 0);
        Assert.Contains(load.GetProperty("current").GetProperty("readiness").GetString(), new[] { "fresh", "normal", "fatigued", "overreaching" });
        Assert.True(load.GetProperty("current").GetProperty("remainingRecoveryHours").GetDouble() > 0);
        Assert.False(load.GetProperty("scoring").GetProperty("upToDate").GetBoolean());

        await RunJobAsync(runnerId);
        Assert.True((await host.GetJsonAsync("/api/runners/me/load", key)).GetProperty("scoring").GetProperty("upToDate").GetBoolean());

        using HttpResponseMessage bad = await host.SendAsync(HttpMethod.Get, "/api/runners/me/load?days=0", key);
        await bad.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    private Task<ScoreRunnerResult> RunJobAsync(Guid runnerId) =>
        host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));

    private Task<long> ScoringJobsAsync() =>
        host.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%'");

    private async Task<Guid> LatestScoringJobRunnerAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand("SELECT arguments FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%' ORDER BY id DESC LIMIT 1", connection);
        string arguments = (string)(await command.ExecuteScalarAsync(Cancel))!;
        return JsonSerializer.Deserialize<string[]>(arguments)!.Select(a => JsonSerializer.Deserialize<Guid>(a)).First();
    }

    private static string[] Ids(JsonElement queue) => [.. queue.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order()];
}
