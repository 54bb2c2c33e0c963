using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Contracts;

/// <summary>
/// Issue 15: numbers rounded to their meaning, durations in seconds, enum words in kebab-case, across every route.
/// Walks the answer of every JSON GET route under /api (found from the host's endpoints, so a new route is walked
/// too) for a runner with real and encoder-built activities, scored, with a check-in and a club, and fails on:
/// a number with more decimals than its meaning (metres 0.1, seconds 0.001, degrees 1e-7, anything else 0.001),
/// a number in exponent form, a duration in hours or as "hh:mm:ss" without its seconds beside it (the older forms
/// stay, deprecated, for existing clients), or a word value that is not kebab-case.
/// </summary>
public sealed partial class JsonConventionTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    /// <summary>Routes not walked, each with why.</summary>
    private static readonly Dictionary<string, string> NotWalked = new(StringComparer.Ordinal)
    {
        ["/api/activities/{id:guid}/file"] = "the original bytes, not JSON",
        ["/api/activities/{id:guid}/export"] = "FIT, GPX or TCX, not JSON",
        ["/api/runners/me/export"] = "a ZIP; its activity files hold the GET /api/activities/{id} detail walked here",
        ["/api/schemas/{name}"] = "JSON Schema documents (the contract, not data)",
        ["/api/clubs/{clubId:guid}/imports/{importId:guid}"] = "needs a club history archive; ImportsApiTests read it (counts, dates; its rates go through the same JSON options)",
    };

    /// <summary>Properties whose string values are free text or identifiers, not words of an enumeration.</summary>
    private static readonly HashSet<string> FreeText = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "notes", "note", "fileName", "email", "timeZone", "title", "detail", "message", "description", "manufacturer",
        "product", "softwareVersion", "creator", "code", "apiKey", "link", "fileLink", "samplesLink", "url", "etag", "label",
        "why", "text", "advice", "reason", "summary", "headline", "role", "clubName", "runnerName", "invitedBy", "displayName",
        "types", // stream names of GET …/samples?types=: the series' own JSON field names (heartRate, latlng)
    };

    /// <summary>Times of day ("22:30:00"), not durations.</summary>
    private static readonly HashSet<string> TimesOfDay = new(StringComparer.Ordinal) { "bedTime", "wakeTime" };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_json_get_route_rounds_numbers_to_their_meaning_gives_durations_in_seconds_and_words_in_kebab_case()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        (Guid runnerId, string key) = await host.CreateRunnerAsync("Europe/Berlin");
        var activities = new List<Guid>
        {
            await UploadAsync(key, await File.ReadAllBytesAsync(FixtureCorpus.PathOf("fit/garmin-fenix-5-run.fit"), Cancel), "application/vnd.ant.fit", "fenix.fit"),
            await UploadAsync(key, await File.ReadAllBytesAsync(FixtureCorpus.PathOf("tcx/2020-12-02T06_08_29-300_Running.tcx"), Cancel), "application/vnd.garmin.tcx+xml", "run.tcx"),
            await UploadAsync(key, SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(20), 37, 2.917), "application/gpx+xml", "run.gpx"),
            await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(50), 41, 3.137), "application/vnd.ant.fit", "run.fit"),
        };
        await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));
        string today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (HttpResponseMessage checkin = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new { date = today, bodyPart = "calves", soreness = 3 })))
        {
            Assert.True(checkin.IsSuccessStatusCode, await checkin.Content.ReadAsStringAsync(Cancel));
        }

        Guid clubId;
        using (HttpResponseMessage club = await host.SendAsync(HttpMethod.Post, "/api/clubs", key, JsonContent.Create(new { name = "Harriers" })))
        {
            Assert.Equal(HttpStatusCode.Created, club.StatusCode);
            clubId = (await club.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        }

        var problems = new List<string>();
        var walked = new List<string>();
        foreach (string pattern in GetRoutes())
        {
            if (NotWalked.ContainsKey(pattern))
            {
                continue;
            }

            IEnumerable<string> paths = pattern.Contains("{id:guid}", StringComparison.Ordinal)
                ? activities.Select(id => pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal))
                : [pattern.Replace("{clubId:guid}", clubId.ToString(), StringComparison.Ordinal)];
            foreach (string path in paths)
            {
                Assert.DoesNotContain("{", path, StringComparison.Ordinal); // a new route parameter: fill it above or list the route in NotWalked
                using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, path, key);
                string body = await response.Content.ReadAsStringAsync(Cancel);
                Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
                walked.Add(path);
                Check(JsonDocument.Parse(body).RootElement, $"GET {pattern} ", null, problems);
            }
        }

        Assert.Contains(walked, p => p.EndsWith("/samples", StringComparison.Ordinal));
        Assert.True(problems.Count == 0, $"{problems.Count} deviations:\n" + string.Join("\n", problems.DistinctBy(p => p.Split(" (e.g.")[0]).Take(300)));
    }

    private IEnumerable<string> GetRoutes() => host.Service.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api", StringComparison.Ordinal)
            && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
        .Select(e => e.RoutePattern.RawText!.TrimEnd('/'))
        .Distinct()
        .Order(StringComparer.Ordinal);

    private static void Check(JsonElement element, string where, string? name, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = element.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.Name.EndsWith("Hours", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Number
                        && !names.Contains(property.Name[..^"Hours".Length] + "Seconds"))
                    {
                        problems.Add($"{where}.{property.Name}: a duration in hours without {property.Name[..^"Hours".Length]}Seconds beside it");
                    }

                    string seconds = (property.Name.EndsWith("Time", StringComparison.Ordinal) ? property.Name[..^"Time".Length] : property.Name) + "Seconds";
                    if (property.Value.ValueKind == JsonValueKind.String && Clock().IsMatch(property.Value.GetString()!)
                        && !TimesOfDay.Contains(property.Name) && !names.Contains(seconds))
                    {
                        problems.Add($"{where}.{property.Name}: a duration as hh:mm:ss without {seconds} beside it");
                    }

                    Check(property.Value, $"{where}.{property.Name}", property.Name, problems);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Check(item, where + "[]", name, problems);
                }

                break;
            case JsonValueKind.Number:
                string raw = element.GetRawText();
                int allowed = AllowedDecimals(name);
                int decimals = raw.Contains('.', StringComparison.Ordinal) ? raw.Length - raw.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                if (raw.Contains('e', StringComparison.OrdinalIgnoreCase) || decimals > allowed)
                {
                    problems.Add($"{where}: more than {allowed} decimals (e.g. {raw})");
                }

                break;
            case JsonValueKind.String:
                string text = element.GetString()!;
                if (!Clock().IsMatch(text) && name is not null && !FreeText.Contains(name) && Word().IsMatch(text) && !KebabCase().IsMatch(text))
                {
                    problems.Add($"{where}: not kebab-case (e.g. \"{text}\")");
                }

                break;
        }
    }

    /// <summary>The issue's rule: metres to 0.1, seconds to 0.001; positions to 1e-7° (1 cm); anything else 0.001.</summary>
    private static int AllowedDecimals(string? name) => name switch
    {
        null or "splitMeters" => 3, // splitMeters: the mile's definition, 1609.344 m, not a measurement
        _ when name.EndsWith("Meters", StringComparison.OrdinalIgnoreCase) || name is "distance" or "altitude" => 1,
        _ when name.Contains("lat", StringComparison.OrdinalIgnoreCase) || name.Contains("lng", StringComparison.OrdinalIgnoreCase)
            || name.Contains("lon", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Degrees", StringComparison.OrdinalIgnoreCase) => 7,
        _ => 3,
    };

    [GeneratedRegex(@"^-?\d+(\.\d+)?:\d\d:\d\d")]
    private static partial Regex Clock();

    /// <summary>A single identifier-like word (no spaces, dots, slashes, digits first): the shape of an enum value.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex Word();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    private async Task<Guid> UploadAsync(string key, byte[] file, string contentType, string fileName)
    {
        using HttpResponseMessage response = await host.UploadAsync(key, file, contentType, fileName);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid();
    }
}
