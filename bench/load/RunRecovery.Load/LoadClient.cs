using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;

namespace RunRecovery.Load;

/// <summary>What the soak, step and burst modes share: runners, uploads of fresh FIT runs, percentiles, options.</summary>
internal sealed class LoadClient(Uri server) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 2000 })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public HttpClient Http => _http;

    public async Task<string> CreateRunnerAsync(string name)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(
            "/api/runners", new { name, email = $"{name}-{Guid.NewGuid():N}@load.example", timeZone = "UTC" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }

    /// <summary>Status code, the stored (or duplicate-of) activity id, the problem's <c>code</c> and whether <c>Retry-After</c> came back.</summary>
    public async Task<UploadAnswer> UploadAsync(string key, byte[] file, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = UploadRequest(key, file);
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        Guid? id = null;
        string? code = null;
        try
        {
            JsonElement root = JsonDocument.Parse(body).RootElement;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                id = root.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid();
            }
            else if (response.StatusCode == HttpStatusCode.OK)
            {
                id = root.GetProperty("files")[0].GetProperty("duplicateOf").GetGuid();
            }
            else if (root.TryGetProperty("code", out JsonElement problemCode))
            {
                code = problemCode.GetString();
            }
        }
        catch (JsonException)
        {
            code = "unreadable-body";
        }

        return new UploadAnswer((int)response.StatusCode, id, code, response.Headers.RetryAfter is not null);
    }

    /// <summary>
    /// The status (the open-loop modes): the body is read, so the connection is reused, but parsed only for a 429, whose
    /// refusal is named "code/limit ra=N" (the problem's <c>code</c> or title, its <c>limit</c>, the <c>Retry-After</c>
    /// seconds): which of the service's limits refused it (issue 18 point 3).
    /// </summary>
    public async Task<(int Status, string? Refusal)> UploadStatusAsync(string key, byte[] file)
    {
        using HttpRequestMessage request = UploadRequest(key, file);
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return ((int)response.StatusCode, null);
        }

        string body = await response.Content.ReadAsStringAsync();
        string who;
        try
        {
            JsonElement root = JsonDocument.Parse(body).RootElement;
            string code = root.TryGetProperty("code", out JsonElement c) ? c.GetString() ?? "?" : root.TryGetProperty("title", out JsonElement t) ? $"\"{t.GetString()}\"" : "?";
            who = root.TryGetProperty("limit", out JsonElement limit) ? $"{code}/{limit.GetString()}" : code;
        }
        catch (JsonException)
        {
            who = "unreadable-body";
        }

        string retry = response.Headers.RetryAfter?.Delta is { } delta ? delta.TotalSeconds.ToString(CultureInfo.InvariantCulture) : "none";
        return (429, $"{who} ra={retry}");
    }

    private static HttpRequestMessage UploadRequest(string key, byte[] file)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    public void Dispose() => _http.Dispose();

    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        List<double> sorted = [.. values.Order()];
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero);

    /// <summary>A FIT run of <paramref name="minutes"/> minutes starting at <paramref name="start"/>.</summary>
    public static byte[] Run(DateTimeOffset start, int minutes, double metersPerSecond)
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

    /// <summary>Options as <c>--name value</c> pairs after the mode.</summary>
    public static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    public static double Number(Dictionary<string, string> options, string name, double fallback) =>
        options.TryGetValue(name, out string? value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

internal sealed record UploadAnswer(int Status, Guid? ActivityId, string? Code, bool RetryAfter);
