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

        using HttpResponseMessage created = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new object[]
        {
            new { date = today, bodyPart = "calves", soreness = 6, pain = 4, painCharacter = "aching", note = "tight after the hills" },
            new { date = today, bodyPart = "lower-back", soreness = 2 },
            new { date = today, sleepQuality = 3, overallSoreness = 4, restingHeartRateBpm = 52 },
        }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement[] list = [.. (await host.GetJsonAsync("/api/runners/me/checkins", key)).EnumerateArray()];
        Assert.Equal(3, list.Length);
        JsonElement calves = list.Single(c => c.GetProperty("bodyPart").GetString() == "calves");
        Assert.Equal(today, calves.GetProperty("date").GetString());
        Assert.Equal(6, calves.GetProperty("soreness").GetProperty("calves").GetInt32());
        Assert.True(calves.GetProperty("pain").GetBoolean());
        Assert.Equal(4, calves.GetProperty("painSeverity").GetInt32());
        Assert.Equal("aching", calves.GetProperty("painCharacter").GetString());
        Assert.Equal(["calves"], calves.GetProperty("painBodyParts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, list.Single(c => c.GetProperty("bodyPart").GetString() == "lower-back").GetProperty("soreness").GetProperty("lower-back").GetInt32());
        JsonElement morning = list.Single(c => c.GetProperty("bodyPart").ValueKind == JsonValueKind.Null);
        Assert.Equal((3, 4, 52), (morning.GetProperty("sleepQuality").GetInt32(), morning.GetProperty("overallSoreness").GetInt32(), morning.GetProperty("restingHeartRateBpm").GetInt32()));
        Assert.Equal(1, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId));
    }

    // Issue 14, point 5: a check-in without a date no longer becomes a date the server picks: the contract requires it.
    [Fact]
    public async Task A_checkin_without_a_date_or_body_part_is_a_problem_naming_the_path()
    {
        (_, string key) = await host.CreateRunnerAsync("Pacific/Kiritimati");
        using HttpResponseMessage created = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new { soreness = 3 }));

        JsonElement errors = (await created.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("required", errors.GetProperty("$.date")[0].GetString());
        Assert.Equal("required", errors.GetProperty("$.bodyPart")[0].GetString());
    }

    [Fact]
    public async Task Rejects_soreness_outside_0_to_10_unknown_fields_and_empty_reports()
    {
        (_, string key) = await host.CreateRunnerAsync();
        string today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

        using HttpResponseMessage tooSore = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            date = today,
            bodyPart = "calves",
            soreness = 11,
            sleepQuality = 9,
            painfull = true,
        }));
        JsonElement errors = (await tooSore.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("11: expected a whole number from 0 to 10", errors.GetProperty("$.soreness")[0].GetString());
        Assert.Equal("9: expected a whole number from 1 to 5", errors.GetProperty("$.sleepQuality")[0].GetString());
        Assert.StartsWith("unknown field (did you mean 'pain'?)", errors.GetProperty("$.painfull")[0].GetString(), StringComparison.Ordinal);

        using HttpResponseMessage empty = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new { date = today }));
        await empty.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_body_part_is_a_400_problem_naming_the_allowed_words()
    {
        (_, string key) = await host.CreateRunnerAsync();
        string today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            date = today,
            bodyPart = "calf",
            soreness = 3,
        }));

        JsonElement errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.StartsWith("'calf': expected one of calves, shins,", errors.GetProperty("$.bodyPart")[0].GetString(), StringComparison.Ordinal);
    }
}
