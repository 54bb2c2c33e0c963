using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;

// Load test for the runner API (docs/benchmarks.md, "Runner API"). Usage:
//   RunRecovery.Load SERVER [uploaders=50] [seconds=60] [latencyRuns=30]
// 1. Latency: one runner uploads one 45-minute FIT run at a time and polls until the run is scored and its
//    recommendations are listed; reports p50/p95/max of upload → recommendations visible.
// 2. Throughput: N runners upload fresh FIT runs back to back for the duration, then the tool waits until every
//    runner is scored and checks that each runner holds exactly the activities that were answered 201.
// Other modes (docs/reliability.md): soak and steps (open-loop, OpenLoop.cs), burst (database faults, Burst.cs).
switch (args.FirstOrDefault())
{
    case "soak":
        return await RunRecovery.Load.OpenLoop.SoakAsync(args);
    case "steps":
        return await RunRecovery.Load.OpenLoop.StepsAsync(args);
    case "burst":
        return await RunRecovery.Load.Burst.RunAsync(args);
    default:
        break;
}

var server = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:5080");
int uploaders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
int latencyRuns = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
CultureInfo c = CultureInfo.InvariantCulture;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; server {server}; {uploaders} uploaders × {seconds} s; {latencyRuns} latency runs");

// ---- 1. upload → recommendations visible ----
// Each run is a new runner's run that ended about an hour ago, so the planner has fresh post-run recommendations for it.
var visible = new List<double>();
for (int i = 0; i < latencyRuns; i++)
{
    string latencyKey = await CreateRunnerAsync($"latency-{i}");
    byte[] file = Run(Truncate(DateTimeOffset.UtcNow.AddMinutes(-105)), 45, 3.0 + (i % 5 * 0.1));
    var watch = Stopwatch.StartNew();
    (HttpStatusCode status, Guid id) = await UploadAsync(latencyKey, file);
    if (status != HttpStatusCode.Created)
    {
        throw new InvalidOperationException($"latency upload answered {status}");
    }

    while (!await RecommendationsVisibleAsync(latencyKey, id))
    {
        if (watch.Elapsed > TimeSpan.FromSeconds(60))
        {
            throw new TimeoutException("no recommendation for the uploaded run within 60 s");
        }

        await Task.Delay(10);
    }

    visible.Add(watch.Elapsed.TotalMilliseconds);
}

Console.WriteLine($"upload → recommendations visible (ms): p50 {Pct(visible, 50):F0}, p95 {Pct(visible, 95):F0}, max {visible.Max():F0} over {visible.Count} runs");

// ---- 2. N concurrent uploaders ----
string[] keys = await Task.WhenAll(Enumerable.Range(0, uploaders).Select(i => CreateRunnerAsync($"load-{i}")));
var created = new int[uploaders];
var latencies = new List<double>[uploaders];
var errors = new List<string>();
DateTimeOffset origin = Truncate(DateTimeOffset.UtcNow.AddYears(-1));
var total = Stopwatch.StartNew();
DateTime stopAt = DateTime.UtcNow.AddSeconds(seconds);
await Task.WhenAll(Enumerable.Range(0, uploaders).Select(u => Task.Run(async () =>
{
    latencies[u] = [];
    for (int n = 0; DateTime.UtcNow < stopAt; n++)
    {
        byte[] file = Run(origin.AddHours(3 * n), 30, 3.0); // 3 h apart: never a duplicate of the runner's earlier runs
        var watch = Stopwatch.StartNew();
        (HttpStatusCode status, _) = await UploadAsync(keys[u], file);
        latencies[u].Add(watch.Elapsed.TotalMilliseconds);
        if (status == HttpStatusCode.Created)
        {
            created[u]++;
        }
        else
        {
            lock (errors)
            {
                errors.Add($"uploader {u}: {(int)status}");
            }
        }
    }
})));
double uploadSeconds = total.Elapsed.TotalSeconds;
List<double> all = [.. latencies.SelectMany(l => l)];
Console.WriteLine($"uploads: {all.Count} requests in {uploadSeconds:F1} s = {all.Count / uploadSeconds:F1} req/s; errors {errors.Count}");
Console.WriteLine($"upload latency (ms): p50 {Pct(all, 50):F0}, p95 {Pct(all, 95):F0}, p99 {Pct(all, 99):F0}, max {all.Max():F0}");
foreach (string error in errors.Take(10))
{
    Console.WriteLine($"  error: {error}");
}

// Wait for scoring to catch up, then check nothing was lost or duplicated.
while (true)
{
    bool[] upToDate = await Task.WhenAll(keys.Select(async key =>
        (await GetAsync(key, "/api/runners/me/load?days=1")).GetProperty("scoring").GetProperty("upToDate").GetBoolean()));
    if (upToDate.All(done => done))
    {
        break;
    }

    await Task.Delay(1000); // each poll computes 50 load reports; polling faster would slow the scoring it waits for
}

double scoredSeconds = total.Elapsed.TotalSeconds;
int stored = 0, mismatched = 0, pendingAfter = 0;
for (int u = 0; u < uploaders; u++)
{
    (int count, int pending) = await CountActivitiesAsync(keys[u]);
    stored += count;
    pendingAfter += pending;
    if (count != created[u])
    {
        mismatched++;
        Console.WriteLine($"  runner {u}: {created[u]} answered 201, {count} stored");
    }
}

Console.WriteLine($"stored {stored} activities for {created.Sum()} answered 201; runners with a mismatch: {mismatched}; still pending: {pendingAfter}");
Console.WriteLine($"all scored {scoredSeconds:F1} s after the first upload: {stored / scoredSeconds:F1} activities scored/s (uploads ran {uploadSeconds:F1} s)");
return errors.Count == 0 && mismatched == 0 && pendingAfter == 0 ? 0 : 1;

async Task<string> CreateRunnerAsync(string name)
{
    using HttpResponseMessage response = await http.PostAsJsonAsync("/api/runners", new { name, email = $"{name}-{Guid.NewGuid():N}@load.example", timeZone = "UTC" });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
}

async Task<(HttpStatusCode Status, Guid Id)> UploadAsync(string key, byte[] file)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = new ByteArrayContent(file) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    using HttpResponseMessage response = await http.SendAsync(request);
    string body = await response.Content.ReadAsStringAsync();
    Guid id = response.StatusCode == HttpStatusCode.Created
        ? JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid()
        : Guid.Empty;
    return (response.StatusCode, id);
}

async Task<JsonElement> GetAsync(string key, string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    using HttpResponseMessage response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}

async Task<bool> RecommendationsVisibleAsync(string key, Guid id)
{
    JsonElement queue = await GetAsync(key, "/api/runners/me/recommendations");
    return queue.EnumerateArray().Any(r => r.GetProperty("activityId").ValueKind == JsonValueKind.String && r.GetProperty("activityId").GetGuid() == id);
}

async Task<(int Count, int Pending)> CountActivitiesAsync(string key)
{
    int count = 0, pending = 0;
    string? cursor = null;
    do
    {
        JsonElement page = await GetAsync(key, $"/api/activities?limit=100{(cursor is null ? "" : "&cursor=" + cursor)}");
        foreach (JsonElement item in page.GetProperty("items").EnumerateArray())
        {
            count++;
            pending += item.GetProperty("scoringState").GetString() == "pending" ? 1 : 0;
        }

        cursor = page.GetProperty("nextCursor").GetString();
    }
    while (cursor is not null);
    return (count, pending);
}

static double Pct(List<double> values, double percentile)
{
    List<double> sorted = [.. values.Order()];
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static DateTimeOffset Truncate(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero);

static byte[] Run(DateTimeOffset start, int minutes, double metersPerSecond)
{
    int count = minutes * 60;
    var samples = new ActivitySample[count + 1];
    for (int i = 0; i <= count; i++)
    {
        samples[i] = new ActivitySample(start.AddSeconds(i), 46.05 + (i * metersPerSecond / 111_320.0), 14.5, 300 + (i % 60 * 0.2),
            Math.Round(i * metersPerSecond, 2), metersPerSecond, 145 + (i % 11));
    }

    var session = new ActivitySession
    {
        Sport = SportWords.Running,
        StartUtc = start,
        ElapsedTime = TimeSpan.FromSeconds(count),
        TimerTime = TimeSpan.FromSeconds(count),
        DistanceMeters = count * metersPerSecond,
    };
    return FitActivityWriter.Write(new ParsedActivity { Format = ActivityFormat.Fit, Sport = SportWords.Running, StartUtc = start, Samples = samples, Sessions = [session] });
}
