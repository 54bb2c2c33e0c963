using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Api.Tests.Jobs;

namespace RunRecovery.Api.Tests.Webhooks;

/// <summary>A real Hangfire server (role "all") that may post to a loopback receiver over http.</summary>
public sealed class ActivityWebhookHost(TestPostgres postgres) : RunnerHost(postgres)
{
    protected override ServiceRole Role => ServiceRole.All;

    protected override IEnumerable<string> Settings =>
        ["--RunRecovery:Webhooks:AllowPrivateAddresses=true", "--RunRecovery:Webhooks:AllowHttp=true"];
}

/// <summary>activity.created, activity.scored and activity.deleted reach a real local receiver, signed, through the job server.</summary>
[Collection(typeof(JobServerCollection))]
public sealed class ActivityWebhookTests(ActivityWebhookHost host) : IClassFixture<ActivityWebhookHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_scoring_and_delete_each_post_a_signed_event_to_the_runners_webhook()
    {
        using var receiver = new Receiver(HttpStatusCode.OK);
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { webhookUrl = receiver.Url }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        string secret = (await put.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("webhookSecret").GetString()!;
        (_, string quietKey) = await host.CreateRunnerAsync(); // no webhook: no events

        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 40), fileName: "tempo.fit"));
        await UploadTests.CreatedIdAsync(await host.UploadAsync(quietKey, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 40)));
        JsonElement created = await WaitForEventAsync(receiver, secret, "activity.created");
        JsonElement scored = await WaitForEventAsync(receiver, secret, "activity.scored");

        using HttpResponseMessage delete = await host.SendAsync(HttpMethod.Delete, $"/api/activities/{id}", key);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        JsonElement deleted = await WaitForEventAsync(receiver, secret, "activity.deleted");

        foreach (JsonElement e in new[] { created, scored, deleted })
        {
            Assert.Equal(runnerId, e.GetProperty("runnerId").GetGuid());
            Assert.Equal(id, e.GetProperty("activity").GetProperty("id").GetGuid());
        }

        Assert.Equal("tempo.fit", created.GetProperty("activity").GetProperty("fileName").GetString());
        Assert.Equal($"/api/activities/{id}", created.GetProperty("activity").GetProperty("link").GetString());
        Assert.Equal("scored", scored.GetProperty("activity").GetProperty("scoringState").GetString());
        Assert.True(scored.GetProperty("activity").GetProperty("recoveryHours").GetDouble() > 0);
        Assert.Equal("running", deleted.GetProperty("activity").GetProperty("sport").GetString());
        Assert.Equal(3, receiver.Snapshot().Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventId").GetGuid()).Distinct().Count());
    }

    [Fact]
    public async Task Excluding_an_activity_from_the_load_posts_activity_scored_with_state_excluded()
    {
        using var receiver = new Receiver(HttpStatusCode.OK);
        (_, string key) = await host.CreateRunnerAsync();
        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { webhookUrl = receiver.Url }));
        string secret = (await put.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("webhookSecret").GetString()!;
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 40), fileName: "warm-up.fit"));
        Assert.Equal("scored", (await WaitForEventAsync(receiver, secret, "activity.scored")).GetProperty("activity").GetProperty("scoringState").GetString());
        receiver.Clear();

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/activities/{id}")
        {
            Content = new StringContent("""{"excludeFromLoad":true}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using HttpResponseMessage patched = await host.Client.SendAsync(patch, Cancel);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        JsonElement excluded = (await WaitForEventAsync(receiver, secret, "activity.scored")).GetProperty("activity");
        Assert.Equal(id, excluded.GetProperty("id").GetGuid());
        Assert.Equal("excluded", excluded.GetProperty("scoringState").GetString());
        Assert.Equal(JsonValueKind.Null, excluded.GetProperty("recoveryHours").ValueKind);
    }

    /// <summary>Waits (at most two minutes) for an event of <paramref name="type"/>, checking its signature under the runner's secret.</summary>
    private static async Task<JsonElement> WaitForEventAsync(Receiver receiver, string secret, string type)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            foreach ((byte[] body, string? signature) in receiver.Snapshot())
            {
                JsonElement payload = JsonDocument.Parse(body).RootElement;
                if (payload.GetProperty("type").GetString() == type)
                {
                    Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)), signature);
                    return payload;
                }
            }

            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
            {
                Assert.Fail($"no {type} event within two minutes; received: {string.Join(", ", receiver.Snapshot().Select(r => Encoding.UTF8.GetString(r.Body)))}");
            }
        }
    }
}
