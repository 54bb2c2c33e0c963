using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Json.Schema;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;
using RunRecovery.Formats.Gpx;

namespace RunRecovery.Api.Tests.Advice;

/// <summary>Issue 14 through real HTTP against the real database: each numbered point as the service answers it.</summary>
public sealed class AdviceApiTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static readonly DateTimeOffset Morning = new(2026, 6, 10, 6, 0, 0, TimeSpan.Zero); // a Wednesday, UTC runner

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Point 1: a new runner is building the baseline: no ratio, and the reasons say so.
    [Fact]
    public async Task A_new_runner_sees_no_ratio_while_the_baseline_is_built()
    {
        host.Clock.Fixed = null;
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 100, 3.3)));
        await ScoreAsync(runnerId);

        JsonElement load = await host.GetJsonAsync("/api/runners/me/load?days=7", key);
        Assert.All(load.GetProperty("days").EnumerateArray(), d => Assert.Equal(JsonValueKind.Null, d.GetProperty("ratio").ValueKind));
        Assert.NotEqual("overreaching", load.GetProperty("current").GetProperty("readiness").GetString());
        JsonElement[] queue = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()];
        Assert.Contains(queue, r => r.GetProperty("kind").GetString() is "rest" or "easy"
            && r.GetProperty("reasons").EnumerateArray().Any(s => s.GetString()!.StartsWith("Building your baseline", StringComparison.Ordinal)));
    }

    // Point 2: one run, one massage session with ordered steps; at most one hydration item and four items a day.
    [Fact]
    public async Task One_run_gives_one_massage_session_with_ordered_steps()
    {
        host.Clock.Fixed = null;
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid activity = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 75, 3.2)));
        await ScoreAsync(runnerId);

        JsonElement[] queue = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()];
        JsonElement session = Assert.Single(queue, r => r.GetProperty("key").GetString()!.StartsWith("massage:post:", StringComparison.Ordinal));
        Assert.Equal(activity, session.GetProperty("activityId").GetGuid());
        Assert.Equal([activity], session.GetProperty("activityIds").EnumerateArray().Select(a => a.GetGuid()));
        string[] actions = [.. session.GetProperty("steps").EnumerateArray().Select(x => x.GetProperty("action").GetString()!)];
        Assert.Equal(actions.OrderBy(a => a == "stretch" ? 1 : 0), actions);
        Assert.Contains("stretch", actions);
        Assert.Equal(session.GetProperty("steps").EnumerateArray().Sum(x => x.GetProperty("minutes").GetInt32()), session.GetProperty("durationMinutes").GetInt32());
        Assert.True(session.GetProperty("durationMinutes").GetInt32() >= 5);
        Assert.DoesNotContain(queue, r => r.GetProperty("kind").GetString() == "stretch");
        foreach (var day in queue.Where(r => r.GetProperty("status").GetString() is "due" or "upcoming")
            .GroupBy(r => DateOnly.FromDateTime(r.GetProperty("dueUtc").GetDateTimeOffset().UtcDateTime)))
        {
            Assert.True(day.Count() <= 4, $"{day.Count()} items on {day.Key}");
            Assert.True(day.Count(r => r.GetProperty("kind").GetString() == "hydration") <= 1);
        }
    }

    // Point 3: today's advice survives re-planning; a morning check-in that contradicts it withdraws it with a reason.
    [Fact]
    public async Task Todays_advice_is_kept_and_a_contradicted_item_is_withdrawn_with_its_reason()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        host.Clock.Fixed = Morning.AddHours(-11); // 19:00 the evening before
        // 70 minutes, ending at 19:00, for a runner with no history: about 29 h of recovery left at 07:00 → easy today.
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(Morning.AddHours(-12.2), 70, 3.3)));
        host.Clock.Fixed = Morning;
        await ScoreAsync(runnerId);
        JsonElement easy = Assert.Single(await TodayAsync(key), r => r.GetProperty("kind").GetString() is "easy" or "rest");
        Assert.Equal("easy", easy.GetProperty("kind").GetString());

        host.Clock.Fixed = Morning.AddHours(4); // 10:00: re-planning keeps the same item
        await ScoreAsync(runnerId);
        Assert.Equal(easy.GetProperty("id").GetGuid(), Assert.Single(await TodayAsync(key), r => r.GetProperty("kind").GetString() is "easy" or "rest").GetProperty("id").GetGuid());

        using (HttpResponseMessage checkin = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key,
            JsonContent.Create(new { date = "2026-06-10", overallSoreness = 8, sleepQuality = 2 })))
        {
            Assert.Equal(HttpStatusCode.Created, checkin.StatusCode);
        }

        await ScoreAsync(runnerId);
        JsonElement rest = Assert.Single(await TodayAsync(key), r => r.GetProperty("kind").GetString() is "easy" or "rest");
        Assert.Equal("rest", rest.GetProperty("kind").GetString());
        JsonElement withdrawn = Assert.Single((await host.GetJsonAsync("/api/runners/me/recommendations?status=withdrawn", key)).EnumerateArray());
        Assert.Equal(easy.GetProperty("id").GetGuid(), withdrawn.GetProperty("id").GetGuid());
        Assert.StartsWith("Replaced by rest for 2026-06-10", withdrawn.GetProperty("withdrawReason").GetString(), StringComparison.Ordinal);
    }

    // Point 4: red-flag pain → see a professional at once, no massage on it; the item stays and asks after 3 days; a
    // check-in that says the part is fine ends it, with the reason recorded.
    [Fact]
    public async Task Pain_is_never_lost_until_a_checkin_says_the_part_is_fine()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        host.Clock.Fixed = Morning.AddHours(5);
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(Morning.AddHours(2), 60, 3.1)));
        using (HttpResponseMessage pain = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            date = "2026-06-10",
            bodyPart = "calves",
            soreness = 3,
            pain = 5,
            painCharacter = "aching",
            redFlags = new[] { "swelling" },
        })))
        {
            Assert.Equal(HttpStatusCode.Created, pain.StatusCode);
        }

        await ScoreAsync(runnerId);
        JsonElement[] queue = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()];
        JsonElement see = Assert.Single(queue, r => r.GetProperty("kind").GetString() == "see-professional");
        Assert.Equal(100, see.GetProperty("priority").GetInt32());
        Assert.Contains("today", see.GetProperty("technique").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(queue.SelectMany(r => r.GetProperty("steps").EnumerateArray()), x => x.GetProperty("bodyPart").GetString() == "calves");

        host.Clock.Fixed = Morning.AddDays(8).AddHours(5); // no lapse after 7 days; asks after 3
        await ScoreAsync(runnerId);
        JsonElement later = Assert.Single((await host.GetJsonAsync("/api/runners/me/recommendations?status=due", key)).EnumerateArray(),
            r => r.GetProperty("kind").GetString() == "see-professional");
        Assert.Equal(see.GetProperty("id").GetGuid(), later.GetProperty("id").GetGuid());
        Assert.Equal("Are your calves better? A check-in with how they feel now keeps this advice right.", later.GetProperty("question").GetString());

        using (HttpResponseMessage fine = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key,
            JsonContent.Create(new { date = "2026-06-18", bodyPart = "calves", soreness = 1 })))
        {
            Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
        }

        await ScoreAsync(runnerId);
        JsonElement ended = Assert.Single((await host.GetJsonAsync("/api/runners/me/recommendations?status=withdrawn", key)).EnumerateArray(),
            r => r.GetProperty("kind").GetString() == "see-professional");
        Assert.Equal("A later check-in says the part is fine.", ended.GetProperty("withdrawReason").GetString());
    }

    // Point 5: the schemas are served, and the service accepts exactly what they accept.
    [Theory]
    [InlineData("""{ "date": "2026-06-10", "bodyPart": "calves", "soreness": 4 }""", true)]
    [InlineData("""{ "date": "2026-06-10", "overallSoreness": 2, "sleepQuality": 4, "restingHeartRateBpm": 51 }""", true)]
    [InlineData("""{ "date": "2026-06-10", "bodyPart": "shins", "soreness": 2, "pain": 5, "painCharacter": "sharp", "redFlags": ["pain-at-night"] }""", true)]
    [InlineData("""{ "date": "2026-06-10", "bodyPart": "calf", "soreness": 4 }""", false)]
    [InlineData("""{ "date": "2026-06-10", "bodyPart": "calves", "soreness": 15 }""", false)]
    [InlineData("""{ "date": "2026-06-10", "bodyPart": "calves", "soreness": 1, "pain": 3 }""", false)]
    [InlineData("""{ "date": "2026-06-10", "soreness": 4 }""", false)]
    [InlineData("""{ "bodyPart": "calves", "soreness": 4 }""", false)]
    [InlineData("""{ "date": "2026-06-10", "bodyPart": "calves", "soreness": 4, "feedbak": 1 }""", false)]
    public async Task The_checkin_schema_is_served_and_agrees_with_the_service(string body, bool valid)
    {
        host.Clock.Fixed = Morning;
        (_, string key) = await host.CreateRunnerAsync();
        using HttpResponseMessage schemaResponse = await host.Client.GetAsync("/api/schemas/checkin.schema.json", Cancel);
        Assert.Equal("application/schema+json", schemaResponse.Content.Headers.ContentType?.MediaType);
        JsonSchema schema = Schema(await schemaResponse.Content.ReadAsStringAsync(Cancel));

        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(valid, schema.Evaluate(document.RootElement).IsValid);
        using HttpResponseMessage posted = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key,
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(valid ? HttpStatusCode.Created : HttpStatusCode.BadRequest, posted.StatusCode);
    }

    [Theory]
    [InlineData("""{ "birthYear": 1986, "sex": "female", "tools": ["foam-roller"], "wakeTime": "06:30", "bedTime": "22:30", "units": "imperial" }""", true)]
    [InlineData("""{ "maxHeartRate": 186 }""", false)]
    [InlineData("""{ "weightKg": -5 }""", false)]
    [InlineData("""{ "tools": ["chainsaw"] }""", false)]
    public async Task The_profile_schema_is_served_and_agrees_with_the_service(string body, bool valid)
    {
        host.Clock.Fixed = Morning;
        (_, string key) = await host.CreateRunnerAsync();
        JsonSchema schema = Schema(await host.Client.GetStringAsync("/api/schemas/profile.schema.json", Cancel));

        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(valid, schema.Evaluate(document.RootElement).IsValid);
        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key,
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(valid ? HttpStatusCode.OK : HttpStatusCode.BadRequest, put.StatusCode);
    }

    // Point 6: a GPX without a sport is classified from its pace and cadence and loads the running muscles.
    [Fact]
    public async Task A_gpx_without_a_sport_is_scored_as_a_run()
    {
        host.Clock.Fixed = null;
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] gpx = GpxWriter.ToBytes(SyntheticRuns.Run(SyntheticRuns.HoursAgo(3), 66, 1000.0 / 330).Samples);
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, gpx, "application/gpx+xml", "no-type.gpx"));
        await ScoreAsync(runnerId);

        JsonElement loads = (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("loads")[0];
        Assert.Equal("running", loads.GetProperty("sport").GetString());
        Assert.True(loads.GetProperty("sportClassified").GetBoolean());
        Assert.True(loads.GetProperty("muscleLoad").GetProperty("calves").GetDouble() > 10);
    }

    // A schema registers itself by its $id: build each served text once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Built = new(StringComparer.Ordinal);

    private static JsonSchema Schema(string text) => Built.GetOrAdd(text, t => JsonSchema.FromText(t, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private async Task<JsonElement[]> TodayAsync(string key) =>
        [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
            .Where(r => r.GetProperty("day").ValueKind == JsonValueKind.String && r.GetProperty("day").GetString() == "2026-06-10"
                && r.GetProperty("status").GetString() is "due" or "upcoming")];

    private Task<ScoreRunnerResult> ScoreAsync(Guid runnerId) =>
        host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));
}
