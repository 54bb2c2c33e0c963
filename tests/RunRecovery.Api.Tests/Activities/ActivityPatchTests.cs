using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>Issue 15, "Fixing and managing": PATCH /api/activities/{id} (JSON Merge Patch, ETag/If-Match) through real HTTP.</summary>
public sealed class ActivityPatchTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_merge_patch_sets_name_and_notes_and_leaves_what_it_does_not_name()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, hoursAgo: 5);

        using HttpResponseMessage named = await PatchAsync(key, id, """{"name":"Tempo with Ana","notes":"Calves tight\nafter 8 km"}""");
        JsonElement body = await OkAsync(named);
        Assert.Equal("Tempo with Ana", body.GetProperty("activity").GetProperty("name").GetString());
        Assert.Equal("Calves tight\nafter 8 km", body.GetProperty("activity").GetProperty("notes").GetString());
        Assert.Equal("running", body.GetProperty("activity").GetProperty("sport").GetString());

        // notes: null removes the notes (RFC 7396); the name is kept because the patch does not name it. Plain JSON is accepted too.
        using HttpResponseMessage cleared = await PatchAsync(key, id, """{"notes":null}""", "application/json");
        JsonElement after = (await OkAsync(cleared)).GetProperty("activity");
        Assert.Equal("Tempo with Ana", after.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("notes").ValueKind);

        JsonElement listed = (await host.GetJsonAsync("/api/activities", key)).GetProperty("items")[0];
        Assert.Equal("Tempo with Ana", listed.GetProperty("name").GetString());
        Assert.False(listed.GetProperty("excludeFromLoad").GetBoolean());
    }

    [Fact]
    public async Task Unknown_members_wrong_types_and_unknown_sports_are_a_400_naming_each_json_path_and_nothing_changes()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, hoursAgo: 5);
        string before = await ETagAsync(key, id);

        using HttpResponseMessage response = await PatchAsync(key, id, """{"nmae":"x","excludeFromLoad":"yes","sport":"jogging","name":null,"notes":7}""");

        JsonElement errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("unknown field", errors.GetProperty("$.nmae")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("expected true, false or null", errors.GetProperty("$.excludeFromLoad")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'jogging': expected one of running, walking", errors.GetProperty("$.sport")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("cannot be removed", errors.GetProperty("$.name")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("expected a string", errors.GetProperty("$.notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await ETagAsync(key, id));

        using HttpResponseMessage array = await PatchAsync(key, id, """[{"name":"x"}]""");
        Assert.True((await array.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("$", out _));
        using HttpResponseMessage kebab = await PatchAsync(key, id, """{"sport":"Running"}""");
        Assert.True((await kebab.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("$.sport", out _));
        using HttpResponseMessage duplicate = await PatchAsync(key, id, """{"name":"a","name":"b"}""");
        Assert.True((await duplicate.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("$.name", out _));
        using HttpResponseMessage text = await PatchAsync(key, id, """{"name":"x"}""", "text/plain");
        await text.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await ETagAsync(key, id));
    }

    [Fact]
    public async Task If_match_with_a_stale_etag_is_412_and_writes_nothing_while_the_current_one_or_none_is_applied()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, hoursAgo: 5);
        string first = await ETagAsync(key, id);

        using HttpResponseMessage matched = await PatchAsync(key, id, """{"name":"First edit"}""", ifMatch: first);
        await OkAsync(matched);
        string second = matched.Headers.ETag!.ToString();
        Assert.NotEqual(first, second);
        Assert.Equal(second, await ETagAsync(key, id)); // the PATCH answer's tag is the one GET now gives

        using HttpResponseMessage stale = await PatchAsync(key, id, """{"name":"Lost update"}""", ifMatch: first);
        JsonElement problem = await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("stale-etag", problem.GetProperty("code").GetString());
        Assert.Equal(second, stale.Headers.ETag!.ToString());
        JsonElement detail = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.Equal("First edit", detail.GetProperty("activity").GetProperty("name").GetString());

        // A weak tag never matches (If-Match compares strongly); "*" and no If-Match at all are allowed.
        using HttpResponseMessage weak = await PatchAsync(key, id, """{"name":"Weak"}""", ifMatch: "W/" + second);
        await weak.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        using HttpResponseMessage any = await PatchAsync(key, id, """{"name":"Any"}""", ifMatch: "*");
        await OkAsync(any);
        using HttpResponseMessage listOfTags = await PatchAsync(key, id, """{"name":"Listed"}""", ifMatch: $"\"00\", {any.Headers.ETag}");
        await OkAsync(listOfTags);
        using HttpResponseMessage unconditional = await PatchAsync(key, id, """{"name":"Blind"}""");
        Assert.Equal("Blind", (await OkAsync(unconditional)).GetProperty("activity").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_new_sport_goes_back_to_pending_and_the_recompute_scores_the_activity_as_that_sport()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, hoursAgo: 5);
        await ScoreAsync(runnerId);
        JsonElement asRun = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.Equal("running", asRun.GetProperty("loads")[0].GetProperty("sport").GetString());
        long jobsBefore = await ScoringJobsAsync();

        using HttpResponseMessage response = await PatchAsync(key, id, """{"sport":"cycling"}""");

        JsonElement patched = await OkAsync(response);
        Assert.Equal("cycling", patched.GetProperty("activity").GetProperty("sport").GetString());
        Assert.Equal("pending", patched.GetProperty("activity").GetProperty("scoringState").GetString());
        Assert.Equal(jobsBefore + 1, await ScoringJobsAsync()); // through the scoring queue, like any other change
        await ScoreAsync(runnerId);
        JsonElement asRide = await host.GetJsonAsync($"/api/activities/{id}", key);
        Assert.Equal("scored", asRide.GetProperty("scoring").GetProperty("state").GetString());
        Assert.Equal("cycling", asRide.GetProperty("loads")[0].GetProperty("sport").GetString());
        Assert.True(MuscleTotal(asRide) < MuscleTotal(asRun), $"a ride loads the running muscles less: {MuscleTotal(asRide)} vs {MuscleTotal(asRun)}");
    }

    [Fact]
    public async Task Excluding_an_activity_keeps_it_listed_takes_it_out_of_the_load_and_including_it_again_brings_it_back()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid kept = await UploadAsync(key, hoursAgo: 50);
        Guid warmUp = await UploadAsync(key, hoursAgo: 3, minutes: 20);
        await ScoreAsync(runnerId);
        double withBoth = TotalLoad(await host.GetJsonAsync("/api/runners/me/load?days=7", key));

        using HttpResponseMessage excluded = await PatchAsync(key, warmUp, """{"excludeFromLoad":true}""");
        Assert.True((await OkAsync(excluded)).GetProperty("activity").GetProperty("excludeFromLoad").GetBoolean());

        double without = TotalLoad(await host.GetJsonAsync("/api/runners/me/load?days=7", key));
        Assert.True(without < withBoth, $"the load without the excluded run ({without}) is below the load with it ({withBoth})");
        Assert.True(without > 0);
        await ScoreAsync(runnerId);
        JsonElement detail = await host.GetJsonAsync($"/api/activities/{warmUp}", key);
        Assert.Equal("excluded", detail.GetProperty("scoring").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("loads").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("activity").GetProperty("recoveryHours").ValueKind);
        Assert.Equal("scored", (await host.GetJsonAsync($"/api/activities/{kept}", key)).GetProperty("scoring").GetProperty("state").GetString());
        Assert.Equal(2, (await host.GetJsonAsync("/api/activities", key)).GetProperty("items").GetArrayLength());

        // null is false (the member's default), and the activity counts again.
        using HttpResponseMessage included = await PatchAsync(key, warmUp, """{"excludeFromLoad":null}""");
        Assert.False((await OkAsync(included)).GetProperty("activity").GetProperty("excludeFromLoad").GetBoolean());
        Assert.Equal(withBoth, TotalLoad(await host.GetJsonAsync("/api/runners/me/load?days=7", key)));
        await ScoreAsync(runnerId);
        Assert.Equal("scored", (await host.GetJsonAsync($"/api/activities/{warmUp}", key)).GetProperty("scoring").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Another_runners_activity_is_404_and_unchanged()
    {
        (_, string owner) = await host.CreateRunnerAsync();
        (_, string other) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(owner, hoursAgo: 5);

        using HttpResponseMessage response = await PatchAsync(other, id, """{"excludeFromLoad":true}""");

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.False((await host.GetJsonAsync($"/api/activities/{id}", owner)).GetProperty("activity").GetProperty("excludeFromLoad").GetBoolean());
    }

    [Fact]
    public async Task A_patch_waits_for_the_runner_scoring_row_before_it_locks_the_activity_so_a_delete_holding_it_never_deadlocks_with_it()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, hoursAgo: 5);

        // A delete of the same activity, as DeleteActivity runs it: the runner's scoring row first, then the activity row.
        await using var delete = new NpgsqlConnection(host.ConnectionString);
        await delete.OpenAsync(Cancel);
        await using NpgsqlTransaction transaction = await delete.BeginTransactionAsync(Cancel);
        await using (var scoringRow = new NpgsqlCommand($"SELECT 1 FROM runrecovery.runner_scoring WHERE runner_id = '{runnerId}' FOR UPDATE", delete, transaction))
        {
            Assert.Equal(1, await scoringRow.ExecuteScalarAsync(Cancel));
        }

        Task<HttpResponseMessage> patch = PatchAsync(key, id, """{"sport":"cycling"}""");
        while (await host.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(patch.IsCompleted, "the patch did not wait for the scoring row");
            await Task.Delay(20, Cancel);
        }

        // Before the lock order was fixed, the patch held the activity row here and this waited for it: a deadlock.
        await using (var activityRow = new NpgsqlCommand($"SELECT 1 FROM runrecovery.activities WHERE id = '{id}' FOR UPDATE NOWAIT", delete, transaction))
        {
            Assert.Equal(1, await activityRow.ExecuteScalarAsync(Cancel));
        }

        await transaction.CommitAsync(Cancel);
        using HttpResponseMessage response = await patch;
        Assert.Equal("cycling", (await OkAsync(response)).GetProperty("activity").GetProperty("sport").GetString());
    }

    private async Task<Guid> UploadAsync(string key, double hoursAgo, int minutes = 45)
    {
        using HttpResponseMessage response = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(hoursAgo), minutes), fileName: $"run-{hoursAgo}.fit");
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid();
    }

    private Task<HttpResponseMessage> PatchAsync(string key, Guid id, string json, string contentType = "application/merge-patch+json", string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/activities/{id}")
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return host.Client.SendAsync(request, Cancel);
    }

    private async Task<string> ETagAsync(string key, Guid id)
    {
        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}", key);
        response.EnsureSuccessStatusCode();
        Assert.False(response.Headers.ETag!.IsWeak);
        return response.Headers.ETag.ToString();
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.NotNull(response.Headers.ETag);
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<ScoreRunnerResult> ScoreAsync(Guid runnerId) =>
        host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));

    private Task<long> ScoringJobsAsync() =>
        host.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%'");

    private static double TotalLoad(JsonElement report) => report.GetProperty("days").EnumerateArray().Sum(day => day.GetProperty("load").GetDouble());

    private static double MuscleTotal(JsonElement detail) =>
        detail.GetProperty("loads")[0].GetProperty("concentricLoad").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Sum(p => p.Value.GetDouble())
        + detail.GetProperty("loads")[0].GetProperty("eccentricLoad").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Sum(p => p.Value.GetDouble());
}
