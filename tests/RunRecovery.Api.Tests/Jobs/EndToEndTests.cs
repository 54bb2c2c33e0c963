using System.Net;
using System.Text.Json;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Jobs;

/// <summary>The service in the "all" role runs a real Hangfire server: upload → scoring job → recommendations.</summary>
public sealed class EndToEndHost(TestPostgres postgres) : RunnerHost(postgres)
{
    protected override ServiceRole Role => ServiceRole.All;
}

public sealed class EndToEndTests(EndToEndHost host) : IClassFixture<EndToEndHost>
{
    private static readonly string[] LegGroups = ["calves", "shins", "quadriceps", "hamstrings", "glutes"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_real_fit_run_is_scored_by_the_job_server_and_massage_for_the_legs_is_queued()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] file = await File.ReadAllBytesAsync(FixtureCorpus.PathOf("fit/2013-02-06-12-11-14.fit"), Cancel);
        ParsedActivity parsed = ActivityFile.Read(file, "2013-02-06-12-11-14.fit");
        DateTimeOffset end = parsed.Samples[^1].Time;
        Assert.True(end - parsed.StartUtc!.Value > TimeSpan.FromMinutes(30)); // the premise: a run over half an hour
        host.Clock.Fixed = end.AddHours(1); // the runner uploads an hour after finishing
        (_, string key) = await host.CreateRunnerAsync("Europe/London");

        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, file, fileName: "2013-02-06-12-11-14.fit"));

        JsonElement detail = await WaitForScoredAsync(id, key);
        Assert.True(detail.GetProperty("activity").GetProperty("recoveryHours").GetDouble() > 0);
        JsonElement[] queue = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()];
        JsonElement[] massage = [.. queue.Where(r => r.GetProperty("kind").GetString() == "massage")];
        Assert.NotEmpty(massage);
        Assert.All(massage, r =>
        {
            Assert.Equal(id, r.GetProperty("activityId").GetGuid());
            Assert.NotEmpty(r.GetProperty("bodyParts").EnumerateArray());
            Assert.All(r.GetProperty("bodyParts").EnumerateArray(), part => Assert.Contains(part.GetString(), LegGroups));
            Assert.Contains(r.GetProperty("status").GetString(), new[] { "due", "upcoming" });
        });
    }

    private async Task<JsonElement> WaitForScoredAsync(Guid id, string key)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}", key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
            if (detail.GetProperty("scoring").GetProperty("state").GetString() == "scored")
            {
                return detail;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
