using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Webhooks;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Runners;

/// <summary>
/// The service in the "all" role (a real Hangfire server scores uploads and tries webhook deliveries), with webhooks
/// allowed to a closed loopback port so deliveries fail and stay in Hangfire with their payloads.
/// </summary>
public sealed class DataRightsHost(TestPostgres postgres) : RunnerHost(postgres)
{
    protected override ServiceRole Role => ServiceRole.All;

    protected override IEnumerable<string> Settings =>
    [
        "--RunRecovery:Webhooks:AllowPrivateAddresses=true",
        "--RunRecovery:Webhooks:AllowHttp=true",
    ];
}

/// <summary>A runner populated through the real API, with every string that identifies them.</summary>
/// <param name="Marker">A unique string written into the runner's files, names, notes and webhook URL.</param>
/// <param name="Files">Each uploaded file's bytes, by the activity it became.</param>
public sealed record PopulatedRunner(
    Guid Id,
    string Key,
    string Name,
    string Email,
    string Marker,
    IReadOnlyDictionary<Guid, byte[]> Files,
    IReadOnlyList<Guid> RecommendationIds)
{
    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Every string the database must no longer hold once the runner is erased.</summary>
    public IEnumerable<string> Needles =>
    [
        Id.ToString("D"),
        Email,
        Name,
        Marker,
        Convert.ToHexStringLower(Encoding.UTF8.GetBytes(Marker)), // bytea renders as hex
        .. Files.Keys.Select(id => id.ToString("D")),
        .. Files.Values.Select(Sha256Hex),
        .. RecommendationIds.Select(id => id.ToString("D")),
    ];
}

internal static class DataRightsScenario
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Creates a runner with a unique name, email and marker; a profile with a webhook; a FIT file (the marker is a
    /// developer field's name) and a GPX file (the marker is the track's name); a check-in; scored recommendations,
    /// one done and one dismissed; and webhook deliveries queued in Hangfire.
    /// </summary>
    public static async Task<PopulatedRunner> PopulateAsync(RunnerHost host, string label)
    {
        string marker = $"mk{label}{Guid.NewGuid():N}"[..24];
        string name = $"Runner {label} {marker}";
        string email = $"{marker}@example.org";
        // What is planned depends on the runner's local time of day (nothing is due after bedtime), and this scenario
        // needs three open items: one to mark done, one to dismiss, one left for the webhook dispatcher. At 22:00 in
        // London only two were left, so the runner lives where it is early afternoon now, whatever hour the suite runs.
        int offsetHours = ((14 - DateTime.UtcNow.Hour + 36) % 24) - 12; // -12 … +11
        string timeZone = offsetHours == 0 ? "Etc/UTC" : $"Etc/GMT{(offsetHours > 0 ? "-" : "+")}{Math.Abs(offsetHours)}"; // Etc/GMT-2 is UTC+2
        using HttpResponseMessage created = await host.Client.PostAsJsonAsync("/api/runners", new { name, email, timeZone }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement body = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Guid id = body.GetProperty("runner").GetProperty("id").GetGuid();
        string key = body.GetProperty("apiKey").GetString()!;

        using HttpResponseMessage profile = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new
        {
            birthYear = 1988,
            maxHeartRateBpm = 186,
            restingHeartRateBpm = 48,
            tools = new[] { "foam-roller" },
            webhookUrl = $"http://127.0.0.1:9/hooks/{marker}",
        }));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);

        var files = new Dictionary<Guid, byte[]>();
        byte[] fit = FitWithMarker(SyntheticRuns.HoursAgo(30), marker);
        files[await UploadTests.CreatedIdAsync(await host.UploadAsync(key, fit, fileName: $"{marker}-long.fit"))] = fit;
        byte[] gpx = GpxWithMarker(SyntheticRuns.HoursAgo(3), marker);
        files[await UploadTests.CreatedIdAsync(await host.UploadAsync(key, gpx, "application/gpx+xml", $"{marker}-tempo.gpx"))] = gpx;

        using HttpResponseMessage checkin = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new
        {
            date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(offsetHours)).ToString("yyyy-MM-dd"),
            bodyPart = "calves",
            soreness = 6,
            sleepQuality = 4,
            note = $"tight calves {marker}",
        }));
        Assert.Equal(HttpStatusCode.Created, checkin.StatusCode);

        // The job server scores the uploads (and the check-in's rescore); wait until the queue reflects both files.
        JsonElement[] queue = await WaitForScoredAsync(host, id, key, files.Keys);
        Assert.True(queue.Length >= 2, "two runs should leave at least two recommendations");
        string done = queue[0].GetProperty("id").GetString()!;
        string dismissed = queue[1].GetProperty("id").GetString()!;
        using (HttpResponseMessage act = await host.SendAsync(HttpMethod.Post, $"/api/runners/me/recommendations/{done}/done", key))
        {
            Assert.Equal(HttpStatusCode.OK, act.StatusCode);
        }

        using (HttpResponseMessage act = await host.SendAsync(
            HttpMethod.Post, $"/api/runners/me/recommendations/{dismissed}/dismiss", key, JsonContent.Create(new { reason = $"no time {marker}" })))
        {
            Assert.Equal(HttpStatusCode.OK, act.StatusCode);
        }

        // Feedback rescores the runner: let that finish before the dispatcher reads the queue.
        queue = await WaitForScoredAsync(host, id, key, files.Keys);

        // Queue webhook deliveries as the recurring dispatcher would once items are due (the clock stands at the
        // latest due time); the job server then tries them against a closed port and keeps retrying.
        DateTimeOffset latestDue = queue.Where(r => r.GetProperty("actedAt").ValueKind == JsonValueKind.Null).Max(r => r.GetProperty("dueUtc").GetDateTimeOffset());
        try
        {
            host.Clock.Fixed = latestDue.AddSeconds(1);
            await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new DispatchDueRecommendations(), Cancel));
        }
        finally
        {
            host.Clock.Fixed = null;
        }

        JsonElement[] all = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()];
        return new PopulatedRunner(id, key, name, email, marker, files, [.. all.Select(r => r.GetProperty("id").GetGuid())]);
    }

    private static async Task<JsonElement[]> WaitForScoredAsync(RunnerHost host, Guid runnerId, string key, IEnumerable<Guid> activityIds)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            bool scored = true;
            foreach (Guid activity in activityIds)
            {
                JsonElement detail = await host.GetJsonAsync($"/api/activities/{activity}", key);
                scored &= detail.GetProperty("scoring").GetProperty("state").GetString() == "scored";
            }

            JsonElement[] queue = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()];
            long pending = await host.ScalarAsync(
                "SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id = $1 AND (job_pending OR requested_version <> scored_version)", runnerId);
            if (scored && queue.Length > 0 && pending == 0)
            {
                return queue;
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    private static byte[] FitWithMarker(DateTimeOffset start, string marker)
    {
        ParsedActivity run = SyntheticRuns.Run(start, 70, 3.3);
        double?[] values = [.. run.Samples.Select(sample => (double?)(sample.HeartRateBpm ?? 0))];
        return FitActivityWriter.Write(new ParsedActivity
        {
            Format = run.Format,
            Sport = run.Sport,
            StartUtc = run.StartUtc,
            Samples = run.Samples,
            Sessions = run.Sessions,
            Laps = run.Laps,
            DeveloperChannels = [new DeveloperChannel(marker, "bpm", 0, values)],
        });
    }

    private static byte[] GpxWithMarker(DateTimeOffset start, string marker)
    {
        using var memory = new MemoryStream();
        using (var writer = new StreamWriter(memory, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            GpxWriter.Write(writer, SyntheticRuns.Run(start, 40, 3.6).Samples, type: "running", name: $"Tempo {marker}");
        }

        return memory.ToArray();
    }
}
