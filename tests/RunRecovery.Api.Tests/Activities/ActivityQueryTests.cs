using System.Net;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Activities;

public sealed class ActivityQueryTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    [Fact]
    public async Task Lists_newest_first_a_page_at_a_time_until_the_cursor_runs_out()
    {
        (_, string key) = await host.CreateRunnerAsync();
        var ids = new List<Guid>();
        for (int day = 5; day >= 1; day--)
        {
            ids.Add(await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(day * 24), 30))));
        }

        ids.Reverse(); // newest first
        var seen = new List<Guid>();
        string? cursor = null;
        int pages = 0;
        do
        {
            JsonElement page = await host.GetJsonAsync($"/api/activities?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", key);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Filters_by_from_and_to()
    {
        (_, string key) = await host.CreateRunnerAsync();
        DateTimeOffset old = SyntheticRuns.HoursAgo(24 * 10);
        DateTimeOffset recent = SyntheticRuns.HoursAgo(24 * 2);
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(old, 30)));
        Guid wanted = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(recent, 30)));

        string from = Uri.EscapeDataString(recent.AddHours(-1).ToString("O"));
        string to = Uri.EscapeDataString(recent.AddHours(1).ToString("O"));
        JsonElement page = await host.GetJsonAsync($"/api/activities?from={from}&to={to}", key);

        Assert.Equal([wanted], page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("/api/activities?limit=0")]
    [InlineData("/api/activities?limit=1000")]
    [InlineData("/api/activities?cursor=not-a-cursor")]
    public async Task Rejects_bad_paging_with_a_validation_problem(string path)
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, path, key);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Detail_carries_metrics_and_scoring_state()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(6), 40)));

        JsonElement detail = await host.GetJsonAsync($"/api/activities/{id}", key);

        Assert.Equal(id, detail.GetProperty("activity").GetProperty("id").GetGuid());
        Assert.InRange(detail.GetProperty("metrics").GetProperty("heartRate").GetProperty("averageBpm").GetInt32(), 150, 154);
        Assert.Equal("pending", detail.GetProperty("scoring").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("loads").ValueKind);
        Assert.Equal($"/api/activities/{id}/file", detail.GetProperty("fileLink").GetString());
    }

    [Fact]
    public async Task Samples_are_bucketed_by_the_requested_interval()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(7), 30)));

        JsonElement tens = await host.GetJsonAsync($"/api/activities/{id}/samples?every=10s", key);
        JsonElement minutes = await host.GetJsonAsync($"/api/activities/{id}/samples?every=1m", key);

        Assert.Equal(10, tens.GetProperty("everySeconds").GetInt32());
        Assert.Equal(181, tens.GetProperty("offsetSeconds").GetArrayLength()); // 0…1800 s at 1 Hz: 180 full buckets and the last second
        Assert.Equal(31, minutes.GetProperty("offsetSeconds").GetArrayLength());
        Assert.Equal(tens.GetProperty("offsetSeconds").GetArrayLength(), tens.GetProperty("heartRateBpm").GetArrayLength());
        Assert.InRange(tens.GetProperty("heartRateBpm")[3].GetDouble(), 150, 154);
        Assert.Equal(60.0, minutes.GetProperty("offsetSeconds")[1].GetDouble());

        using HttpResponseMessage bad = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/samples?every=soon", key);
        await bad.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Delete_removes_the_activity_and_its_file_and_requests_rescoring()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(8), 30)));
        long before = await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId);

        using HttpResponseMessage deleted = await host.SendAsync(HttpMethod.Delete, $"/api/activities/{id}", key);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage gone = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}", key);
        await gone.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activity_contents WHERE activity_id = $1", id));
        Assert.Equal(before + 1, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId));
    }
}
