using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Recommendations;

public sealed class RecommendationTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_filter_follows_the_clock_due_upcoming_expired()
    {
        (string key, JsonElement[] queue) = await ScoredRunnerAsync();
        JsonElement first = queue.OrderBy(r => r.GetProperty("dueUtc").GetDateTimeOffset()).First();
        DateTimeOffset due = first.GetProperty("dueUtc").GetDateTimeOffset();
        DateTimeOffset expires = first.GetProperty("expiresUtc").GetDateTimeOffset();
        string id = first.GetProperty("id").GetString()!;
        try
        {
            host.Clock.Fixed = due.AddSeconds(-1);
            Assert.Contains(id, await IdsAsync(key, "upcoming"));
            host.Clock.Fixed = due.AddSeconds(1);
            Assert.Contains(id, await IdsAsync(key, "due"));
            Assert.DoesNotContain(id, await IdsAsync(key, "upcoming"));
            host.Clock.Fixed = expires.AddSeconds(1);
            Assert.Contains(id, await IdsAsync(key, "expired"));
            Assert.DoesNotContain(id, await IdsAsync(key, "due"));
        }
        finally
        {
            host.Clock.Fixed = null;
        }
    }

    [Fact]
    public async Task Done_and_dismiss_move_items_to_history_with_the_reason()
    {
        (string key, JsonElement[] queue) = await ScoredRunnerAsync();
        Assert.True(queue.Length >= 2, "the plan should hold at least two items after an hour's run");
        string done = queue[0].GetProperty("id").GetString()!;
        string dismissed = queue[1].GetProperty("id").GetString()!;

        using HttpResponseMessage doneResponse = await host.SendAsync(HttpMethod.Post, $"/api/runners/me/recommendations/{done}/done", key);
        using HttpResponseMessage dismissResponse = await host.SendAsync(
            HttpMethod.Post, $"/api/runners/me/recommendations/{dismissed}/dismiss", key, JsonContent.Create(new { reason = "no foam roller with me" }));

        Assert.Equal(HttpStatusCode.OK, doneResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dismissResponse.StatusCode);
        Assert.Equal([done], await IdsAsync(key, "done"));
        JsonElement dismissedItem = Assert.Single((await host.GetJsonAsync("/api/runners/me/recommendations?status=dismissed", key)).EnumerateArray());
        Assert.Equal("no foam roller with me", dismissedItem.GetProperty("dismissReason").GetString());

        // Same action again is harmless; the opposite one is a conflict.
        using HttpResponseMessage doneAgain = await host.SendAsync(HttpMethod.Post, $"/api/runners/me/recommendations/{done}/done", key);
        Assert.Equal(HttpStatusCode.OK, doneAgain.StatusCode);
        using HttpResponseMessage conflict = await host.SendAsync(HttpMethod.Post, $"/api/runners/me/recommendations/{done}/dismiss", key);
        await conflict.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_status_is_a_validation_problem()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, "/api/runners/me/recommendations?status=someday", key);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<(string Key, JsonElement[] Queue)> ScoredRunnerAsync()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 70, 3.3)));
        await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));
        JsonElement[] queue = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()];
        Assert.NotEmpty(queue);
        return (key, queue);
    }

    private async Task<string[]> IdsAsync(string key, string status) =>
        [.. (await host.GetJsonAsync($"/api/runners/me/recommendations?status={status}", key)).EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
}
