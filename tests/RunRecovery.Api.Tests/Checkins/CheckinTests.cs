using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Checkins;

public sealed class CheckinTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_a_checkin_lists_it_and_requests_rescoring()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        string today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

        using HttpResponseMessage created = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            date = today,
            soreness = new Dictionary<string, int> { ["calves"] = 6, ["lower-back"] = 2 },
            pain = true,
            painBodyParts = new[] { "calves" },
            sleepQuality = 3,
            note = "tight after the hills",
        }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement[] list = [.. (await host.GetJsonAsync("/api/runners/me/checkins", key)).EnumerateArray()];
        JsonElement checkin = Assert.Single(list);
        Assert.Equal(today, checkin.GetProperty("date").GetString());
        Assert.Equal(6, checkin.GetProperty("soreness").GetProperty("calves").GetInt32());
        Assert.Equal(2, checkin.GetProperty("soreness").GetProperty("lower-back").GetInt32());
        Assert.True(checkin.GetProperty("pain").GetBoolean());
        Assert.Equal(["calves"], checkin.GetProperty("painBodyParts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(3, checkin.GetProperty("sleepQuality").GetInt32());
        Assert.Equal(1, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Date_defaults_to_today_in_the_runners_time_zone()
    {
        (_, string key) = await host.CreateRunnerAsync("Pacific/Kiritimati"); // UTC+14: often a day ahead of UTC
        using HttpResponseMessage created = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            soreness = new Dictionary<string, int> { ["quadriceps"] = 3 },
        }));

        JsonElement body = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        DateTime local = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Pacific/Kiritimati");
        Assert.Equal(DateOnly.FromDateTime(local).ToString("yyyy-MM-dd"), body.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Rejects_soreness_outside_0_to_10_and_empty_reports()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage tooSore = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            soreness = new Dictionary<string, int> { ["calves"] = 11 },
            sleepQuality = 9,
        }));
        JsonElement errors = (await tooSore.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("soreness", out _));
        Assert.True(errors.TryGetProperty("sleepQuality", out _));

        using HttpResponseMessage empty = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new { pain = false }));
        await empty.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_body_part_is_a_400_problem()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            soreness = new Dictionary<string, int> { ["elbow-of-doom"] = 3 },
        }));

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }
}
