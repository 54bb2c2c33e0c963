using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Clubs;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Api.Tests.Jobs;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Tests.Runners;

/// <summary>DELETE /api/runners/me, proven by searching every table of every schema for any trace of the runner.</summary>
[Collection(typeof(JobServerCollection))]
public sealed class RunnerErasureTests(DataRightsHost host) : IClassFixture<DataRightsHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_leaves_no_trace_in_any_table_and_another_runner_untouched()
    {
        var clubs = new ClubClient(host.Client);
        PopulatedRunner a = await DataRightsScenario.PopulateAsync(host, "a");
        PopulatedRunner b = await DataRightsScenario.PopulateAsync(host, "b");
        Guid solo = await clubs.CreateClubAsync(a.Key, $"Solo {a.Marker}");          // only A: goes with A
        Guid shared = await clubs.CreateClubAsync(a.Key, "Shared club");             // A its last admin, B a member: handed to B
        await clubs.JoinAsync(b.Key, await clubs.InviteAsync(a.Key, shared));
        Guid bClub = await clubs.CreateClubAsync(b.Key, "B's club");                 // A a member: membership ends
        await clubs.JoinAsync(a.Key, await clubs.InviteAsync(b.Key, bClub));

        // The premise: Hangfire holds A's scoring jobs and webhook deliveries, and the search finds every needle.
        Assert.True(await JobsMentioningAsync(a.Id.ToString()) > 0, "A's scoring jobs should be in hangfire.job");
        Assert.True(await JobsMentioningAsync([.. a.RecommendationIds.Select(id => id.ToString())]) > 0, "A's webhook deliveries should be in hangfire.job");
        foreach (string needle in a.Needles)
        {
            Assert.NotEmpty(await DatabaseTrace.FindAsync(host.ConnectionString, needle, Cancel));
        }

        RunnerSnapshot before = await RunnerSnapshot.TakeAsync(host, b);
        long[] bJobsBefore = await JobIdsMentioningAsync(b.Id.ToString());
        Assert.NotEmpty(bJobsBefore);

        using HttpResponseMessage deleted = await host.SendAsync(HttpMethod.Delete, "/api/runners/me", a.Key);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (HttpResponseMessage me = await host.SendAsync(HttpMethod.Get, "/api/runners/me", a.Key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        var traces = new List<string>();
        foreach (string needle in a.Needles)
        {
            foreach ((string table, long rows) in await DatabaseTrace.FindAsync(host.ConnectionString, needle, Cancel))
            {
                traces.Add($"{needle} in {table} ({rows} rows)");
            }
        }

        Assert.True(traces.Count == 0, "Traces of the erased runner: " + string.Join("; ", traces));

        // B: everything still there and unchanged; B now runs the shared club; A's own club is gone.
        RunnerSnapshot after = await RunnerSnapshot.TakeAsync(host, b);
        after.AssertSameAs(before);
        JsonElement sharedForB = await host.GetJsonAsync($"/api/clubs/{shared}", b.Key);
        Assert.Equal("admin", sharedForB.GetProperty("role").GetString());
        Assert.Equal(1, sharedForB.GetProperty("memberCount").GetInt32());
        Assert.Equal(1, (await host.GetJsonAsync($"/api/clubs/{bClub}", b.Key)).GetProperty("memberCount").GetInt32());
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.clubs WHERE id = $1", solo));
        Assert.Subset(new HashSet<long>(await JobIdsMentioningAsync(b.Id.ToString())), new HashSet<long>(bJobsBefore));
    }

    [Fact]
    public async Task Jobs_left_for_an_erased_runner_do_nothing_and_do_not_fail()
    {
        PopulatedRunner a = await DataRightsScenario.PopulateAsync(host, "j");
        using HttpResponseMessage deleted = await host.SendAsync(HttpMethod.Delete, "/api/runners/me", a.Key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        // As if a worker had fetched these just before the purge: they run to completion without an exception.
        ScoreRunnerResult scored = await host.InScopeAsync(async services =>
            await services.GetRequiredService<ISender>().Send(new ScoreRunner(a.Id), Cancel));
        string delivery = await host.InScopeAsync(async services =>
            await services.GetRequiredService<ISender>().Send(new DeliverRecommendation(a.RecommendationIds[0]), Cancel));
        await host.InScopeAsync(async services =>
        {
            await ActivatorUtilities.CreateInstance<ScoreRunnerJob>(services).RunAsync(a.Id, Cancel);
            return true;
        });

        Assert.False(scored.Ran);
        Assert.Equal("gone", delivery);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.recommendations WHERE runner_id = $1", a.Id));
    }

    [Fact]
    public async Task Only_admin_of_a_club_of_unclaimed_managed_runners_gets_409_and_keeps_everything_until_someone_takes_over()
    {
        var clubs = new ClubClient(host.Client);
        (Guid coachId, string coach) = await clubs.CreateRunnerAsync($"coach-{Guid.NewGuid():N}@example.org", "Coach");
        Guid club = await clubs.CreateClubAsync(coach, "Squad");
        Guid managed = (await clubs.AddManagedAsync(coach, club, "Mo Managed")).GetProperty("runnerId").GetGuid();
        Guid activity = await UploadTests.CreatedIdAsync(await host.UploadAsync(coach, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 30)));

        using HttpResponseMessage refused = await host.SendAsync(HttpMethod.Delete, "/api/runners/me", coach);

        JsonElement problem = await refused.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Squad", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(coachId, (await host.GetJsonAsync("/api/runners/me", coach)).GetProperty("id").GetGuid());
        Assert.Equal(activity, (await host.GetJsonAsync($"/api/activities/{activity}", coach)).GetProperty("activity").GetProperty("id").GetGuid());

        // Someone with an account joins: the coach can now go, and the newcomer runs the squad, managed runner included.
        (Guid deputyId, string deputy) = await clubs.CreateRunnerAsync($"deputy-{Guid.NewGuid():N}@example.org", "Deputy");
        await clubs.JoinAsync(deputy, await clubs.InviteAsync(coach, club));
        using HttpResponseMessage deleted = await host.SendAsync(HttpMethod.Delete, "/api/runners/me", coach);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        JsonElement members = await host.GetJsonAsync($"/api/clubs/{club}/members", deputy);
        string json = members.GetRawText();
        Assert.Contains(managed.ToString(), json, StringComparison.Ordinal);
        Assert.Contains(deputyId.ToString(), json, StringComparison.Ordinal);
        Assert.DoesNotContain(coachId.ToString(), json, StringComparison.Ordinal);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE id = $1", activity));
    }

    [Fact]
    public async Task A_dashboard_session_exports_and_erases_with_its_csrf_token_and_is_signed_out_at_once()
    {
        (Guid id, string key) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(4), 30)));
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = host.Client.BaseAddress };
        using (var signIn = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin") { Content = new FormUrlEncodedContent([new("apiKey", key)]) })
        {
            signIn.Headers.Add("X-CSRF-TOKEN", await CsrfTokenAsync(browser));
            using HttpResponseMessage signedIn = await browser.SendAsync(signIn, Cancel);
            Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        }

        using (HttpResponseMessage export = await browser.GetAsync("/api/runners/me/export", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        }

        using (HttpResponseMessage forged = await browser.DeleteAsync("/api/runners/me", Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode); // no CSRF token: refused, nothing erased
        }

        Assert.Equal(id, (await host.GetJsonAsync("/api/runners/me", key)).GetProperty("id").GetGuid());
        using var erase = new HttpRequestMessage(HttpMethod.Delete, "/api/runners/me");
        erase.Headers.Add("X-CSRF-TOKEN", await CsrfTokenAsync(browser));
        using HttpResponseMessage erased = await browser.SendAsync(erase, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        using HttpResponseMessage cookieAfter = await browser.GetAsync("/api/runners/me", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, cookieAfter.StatusCode);
        using HttpResponseMessage keyAfter = await host.SendAsync(HttpMethod.Get, "/api/runners/me", key);
        Assert.Equal(HttpStatusCode.Unauthorized, keyAfter.StatusCode);
    }

    private static async Task<string> CsrfTokenAsync(HttpClient browser) =>
        (await browser.GetFromJsonAsync<JsonElement>("/dashboard/session", Cancel)).GetProperty("csrfToken").GetString()!;

    private async Task<long> JobsMentioningAsync(params string[] needles) => (await JobIdsMentioningAsync(needles)).Length;

    private async Task<long[]> JobIdsMentioningAsync(params string[] needles)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT id FROM hangfire.job WHERE arguments::text ILIKE ANY (@patterns) ORDER BY id", connection);
        command.Parameters.AddWithValue("patterns", needles.Select(n => $"%{n}%").ToArray());
        var ids = new List<long>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}

/// <summary>What a runner sees through the API, for before/after comparisons.</summary>
internal sealed record RunnerSnapshot(string Me, string Profile, string Activities, string Checkins, string Recommendations, IReadOnlyList<string> FileHashes)
{
    public static async Task<RunnerSnapshot> TakeAsync(RunnerHost host, PopulatedRunner runner)
    {
        JsonElement[] recommendations = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", runner.Key)).EnumerateArray()];
        var hashes = new List<string>();
        foreach (Guid activity in runner.Files.Keys.Order())
        {
            using HttpResponseMessage file = await host.SendAsync(HttpMethod.Get, $"/api/activities/{activity}/file", runner.Key);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            hashes.Add(PopulatedRunner.Sha256Hex(await file.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        }

        Assert.Equal(runner.Files.Keys.Order().Select(id => PopulatedRunner.Sha256Hex(runner.Files[id])), hashes);
        return new RunnerSnapshot(
            (await host.GetJsonAsync("/api/runners/me", runner.Key)).GetRawText(),
            (await host.GetJsonAsync("/api/runners/me/profile", runner.Key)).GetRawText(),
            (await host.GetJsonAsync("/api/activities?limit=100", runner.Key)).GetRawText(),
            (await host.GetJsonAsync("/api/runners/me/checkins", runner.Key)).GetRawText(),
            // Status of open items follows the clock; identity, kind and the runner's feedback must not change.
            JsonSerializer.Serialize(recommendations.Select(r => new
            {
                id = r.GetProperty("id").GetString(),
                kind = r.GetProperty("kind").GetString(),
                actedAt = r.GetProperty("actedAt").ToString(),
                dismissReason = r.GetProperty("dismissReason").ToString(),
            })),
            hashes);
    }

    public void AssertSameAs(RunnerSnapshot before)
    {
        Assert.Equal(before.Me, Me);
        Assert.Equal(before.Profile, Profile);
        Assert.Equal(before.Activities, Activities);
        Assert.Equal(before.Checkins, Checkins);
        Assert.Equal(before.Recommendations, Recommendations);
        Assert.Equal(before.FileHashes, FileHashes);
    }
}
