using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Authorization;

/// <summary>Every endpoint that takes an id answers 404 for another runner's id, exactly as for a missing one, and changes nothing.</summary>
public sealed class OtherRunnersIdsTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/api/activities/{activity}")]
    [InlineData("GET", "/api/activities/{activity}/file")]
    [InlineData("GET", "/api/activities/{activity}/samples")]
    [InlineData("DELETE", "/api/activities/{activity}")]
    [InlineData("POST", "/api/runners/me/recommendations/{recommendation}/done")]
    [InlineData("POST", "/api/runners/me/recommendations/{recommendation}/dismiss")]
    public async Task Another_runners_id_answers_404_and_changes_nothing(string method, string template)
    {
        (Guid ownerId, string ownerKey) = await host.CreateRunnerAsync();
        (_, string strangerKey) = await host.CreateRunnerAsync();
        Guid activity = await UploadTests.CreatedIdAsync(await host.UploadAsync(ownerKey, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 60)));
        await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(ownerId), Cancel));
        JsonElement queue = await host.GetJsonAsync("/api/runners/me/recommendations", ownerKey);
        string recommendation = queue[0].GetProperty("id").GetString()!;
        string path = template.Replace("{activity}", activity.ToString()).Replace("{recommendation}", recommendation);

        using HttpResponseMessage stranger = await host.SendAsync(new HttpMethod(method), path, strangerKey, method == "POST" ? JsonContent.Create(new { }) : null);
        using HttpResponseMessage missing = await host.SendAsync(
            new HttpMethod(method), template.Replace("{activity}", Guid.NewGuid().ToString()).Replace("{recommendation}", Guid.NewGuid().ToString()), strangerKey,
            method == "POST" ? JsonContent.Create(new { }) : null);

        JsonElement problem = await stranger.ReadProblemAsync(HttpStatusCode.NotFound);
        JsonElement missingProblem = await missing.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE id = $1", activity));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.recommendations WHERE runner_id = $1 AND status <> 'open'", ownerId));
    }

    [Fact]
    public async Task Lists_show_only_the_callers_own_rows()
    {
        (_, string ownerKey) = await host.CreateRunnerAsync();
        (_, string strangerKey) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(ownerKey, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 30)));
        using (HttpResponseMessage checkin = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", ownerKey,
            JsonContent.Create(new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), bodyPart = "calves", soreness = 2 })))
        {
            Assert.Equal(HttpStatusCode.Created, checkin.StatusCode);
        }

        Assert.Empty((await host.GetJsonAsync("/api/activities", strangerKey)).GetProperty("items").EnumerateArray());
        Assert.Empty((await host.GetJsonAsync("/api/runners/me/checkins", strangerKey)).EnumerateArray());
        Assert.Empty((await host.GetJsonAsync("/api/runners/me/recommendations", strangerKey)).EnumerateArray());
        Assert.Empty((await host.GetJsonAsync("/api/runners/me/load", strangerKey)).GetProperty("days").EnumerateArray());
    }
}
