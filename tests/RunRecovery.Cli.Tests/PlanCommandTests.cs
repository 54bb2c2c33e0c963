using System.Text.Json;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Cli.Tests;

/// <summary>`runrecovery plan` run in-process on files made by our FIT encoder: the JSON contract, the advice a hilly
/// hour earns, determinism, and the exit codes.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private static readonly DateTimeOffset RunStart = new(2026, 5, 1, 7, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("runrecovery-plan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Json_document_has_the_contract_fields()
    {
        string run = WriteFit("descent.fit", HillyRun(RunStart, minutes: 70, descentMeters: 600));

        (int exit, string output, string error) = Run("plan", run, "--as-of", "2026-05-01T08:30:00Z", "--json");

        Assert.True(exit == 0, error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement activity = Assert.Single(root.GetProperty("activities").EnumerateArray());
        foreach (string field in new[] { "file", "startUtc", "cardioLoad", "muscleLoad", "recoveryHours" })
        {
            Assert.True(activity.TryGetProperty(field, out _), $"activities[].{field} missing");
        }

        foreach (string group in new[] { "calves", "shins", "quadriceps", "hamstrings", "glutes" })
        {
            Assert.True(activity.GetProperty("muscleLoad").GetProperty(group).GetDouble() > 0, $"{group} load should be positive");
        }

        Assert.Equal(run, activity.GetProperty("file").GetString());
        Assert.Equal(RunStart, activity.GetProperty("startUtc").GetDateTimeOffset());

        JsonElement[] days = [.. root.GetProperty("days").EnumerateArray()];
        Assert.Equal(42, days.Length);
        foreach (string field in new[] { "date", "acute", "chronic", "ratio", "form", "readiness" })
        {
            Assert.True(days[^1].TryGetProperty(field, out _), $"days[].{field} missing");
        }

        Assert.Equal("2026-05-01", days[^1].GetProperty("date").GetString());

        JsonElement[] recommendations = [.. root.GetProperty("recommendations").EnumerateArray()];
        Assert.NotEmpty(recommendations);
        foreach (JsonElement r in recommendations)
        {
            foreach (string field in new[] { "kind", "bodyParts", "technique", "tool", "durationMinutes", "dueUtc", "expiresUtc", "priority", "reasons" })
            {
                Assert.True(r.TryGetProperty(field, out _), $"recommendations[].{field} missing");
            }
        }
    }

    /// <summary>
    /// The recommendation items' fields, in order: the CLI's contract, which differs from the API's queue item
    /// (docs/decisions/boundary-mirrors.md; ScoringJobTests pins that one).
    /// </summary>
    [Fact]
    public void Recommendation_items_keep_their_fields_in_contract_order()
    {
        string run = WriteFit("descent.fit", HillyRun(RunStart, minutes: 70, descentMeters: 600));

        (int exit, string output, string error) = Run("plan", run, "--as-of", "2026-05-01T08:30:00Z", "--json");

        Assert.True(exit == 0, error);
        JsonElement[] recommendations = [.. JsonDocument.Parse(output).RootElement.GetProperty("recommendations").EnumerateArray()];
        Assert.NotEmpty(recommendations);
        foreach (JsonElement r in recommendations)
        {
            Assert.Equal(
                ["kind", "bodyParts", "technique", "tool", "durationMinutes", "dueUtc", "expiresUtc", "priority", "reasons", "sources",
                 "id", "activityId", "day", "steps", "activityIds", "question", "trigger"],
                r.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void A_hilly_hour_earns_a_leg_massage_with_the_tools_the_runner_owns_and_its_reasons()
    {
        string run = WriteFit("descent.fit", HillyRun(RunStart, minutes: 70, descentMeters: 600));
        string profile = WriteText("profile.json", """{ "birthYear": 1985, "sex": "female", "tools": ["hands"], "timeZone": "UTC" }""");

        (int exit, string output, _) = Run("plan", run, "--profile", profile, "--as-of", "2026-05-01T08:30:00Z", "--json");

        Assert.Equal(0, exit);
        JsonElement[] massages = [.. JsonDocument.Parse(output).RootElement.GetProperty("recommendations").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "massage")];

        // Issue 14: one session for the run (a follow-up tomorrow: 70 minutes is new for a runner without history),
        // with ordered steps: massage by load, then the stretches; at least 5 minutes; hands only.
        JsonElement session = Assert.Single(massages, m => m.GetProperty("id").GetString()!.StartsWith("massage:post:", StringComparison.Ordinal));
        JsonElement[] steps = [.. session.GetProperty("steps").EnumerateArray()];
        Assert.Contains(steps, x => x.GetProperty("bodyPart").GetString() == "quadriceps" && x.GetProperty("action").GetString() == "massage");
        Assert.Equal(steps.OrderBy(x => x.GetProperty("action").GetString() == "stretch" ? 1 : 0).Select(x => x.GetRawText()), steps.Select(x => x.GetRawText()));
        Assert.Contains(steps, x => x.GetProperty("action").GetString() == "stretch");
        Assert.All(steps, x => Assert.Equal("hands", x.GetProperty("tool").GetString()));
        Assert.Equal(steps.Sum(x => x.GetProperty("minutes").GetInt32()), session.GetProperty("durationMinutes").GetInt32());
        Assert.True(session.GetProperty("durationMinutes").GetInt32() >= 5);
        Assert.Equal("hands", session.GetProperty("tool").GetString());
        Assert.NotEmpty(session.GetProperty("reasons").EnumerateArray());
        Assert.Single(session.GetProperty("activityIds").EnumerateArray());
        Assert.Equal("run", session.GetProperty("trigger").GetString());
        Assert.DoesNotContain(JsonDocument.Parse(output).RootElement.GetProperty("recommendations").EnumerateArray(), r => r.GetProperty("kind").GetString() == "stretch");
    }

    [Fact]
    public void Days_say_when_the_baseline_is_still_being_built()
    {
        string run = WriteFit("a.fit", HillyRun(RunStart, minutes: 45, descentMeters: 100));

        (int exit, string output, string error) = Run("plan", run, "--as-of", "2026-05-01T12:00:00Z", "--json");

        Assert.True(exit == 0, error);
        JsonElement today = JsonDocument.Parse(output).RootElement.GetProperty("days").EnumerateArray().Last();
        Assert.Equal("building", today.GetProperty("baseline").GetString());
        Assert.Equal(1, today.GetProperty("historyDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, today.GetProperty("ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, today.GetProperty("weekRatio").ValueKind);
    }

    // Issue 14, point 5: every mistake of the issue is an exit 2 with file, JSON path, value and allowed words, and
    // never a stack trace.
    [Theory]
    [InlineData("profile.json", """{ "maxHeartRate": 186 }""", "$.maxHeartRate: unknown field (did you mean 'maxHeartRateBpm'?)")]
    [InlineData("profile.json", """{ "toolsOwned": ["foam-roller"] }""", "$.toolsOwned: unknown field (did you mean 'tools'?)")]
    [InlineData("profile.json", """{ "timeZone": "Europe/Berlim" }""", "$.timeZone 'Europe/Berlim': expected an IANA time zone id")]
    [InlineData("profile.json", """{ "birthYear": 2030, "weightKg": -5 }""", "$.weightKg -5: expected a number from 20 to 300 kg")]
    [InlineData("profile.json", """{ "restingHeartRateBpm": 90, "maxHeartRateBpm": 100 }""", "$.maxHeartRateBpm 100: must be more than 20 bpm above restingHeartRateBpm (90)")]
    [InlineData("profile.json", """{ "wakeTime": "23:00:00" }""", "$.wakeTime: wakeTime must be at least an hour before bedTime")]
    [InlineData("checkins.json", """[{ "date": "2026-04-30", "bodyPart": "calf", "soreness": 4 }]""", "$[0].bodyPart 'calf': expected one of calves, shins,")]
    [InlineData("checkins.json", """[{ "date": "2026-04-30", "soreness": 4 }]""", "$[0].bodyPart: required")]
    [InlineData("checkins.json", """[{ "bodyPart": "calves", "soreness": 4 }]""", "$[0].date: required")]
    [InlineData("checkins.json", """[{ "date": "2026-04-30", "bodyPart": "calves", "soreness": 15 }]""", "$[0].soreness 15: expected a whole number from 0 to 10")]
    [InlineData("checkins.json", """[{ "date": "2026-04-30", "bodyPart": "calves", "soreness": 1, "painfull": true }]""", "$[0].painfull: unknown field (did you mean 'pain'?)")]
    [InlineData("checkins.json", """{ "checkins": [], "feedbak": [] }""", "$.feedbak: unknown field (did you mean 'feedback'?)")]
    public void Bad_input_exits_2_naming_file_path_value_and_allowed_words(string name, string json, string expected)
    {
        string run = WriteFit("a.fit", HillyRun(RunStart, minutes: 40, descentMeters: 0));
        string file = WriteText(name, json);

        (int exit, string output, string error) = Run("plan", run, name == "profile.json" ? "--profile" : "--checkins", file, "--as-of", "2026-05-01T12:00:00Z");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"runrecovery plan: {file}: {expected}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Obvious_spellings_of_tools_are_accepted()
    {
        string run = WriteFit("a.fit", HillyRun(RunStart, minutes: 50, descentMeters: 300));
        string profile = WriteText("profile.json", """{ "tools": ["Foam roller", "MASSAGE_GUN"], "timeZone": "UTC" }""");

        (int exit, string output, string error) = Run("plan", run, "--profile", profile, "--as-of", "2026-05-01T08:30:00Z", "--json");

        Assert.True(exit == 0, error);
        var tools = JsonDocument.Parse(output).RootElement.GetProperty("recommendations").EnumerateArray()
            .SelectMany(r => r.GetProperty("steps").EnumerateArray()).Select(x => x.GetProperty("tool").GetString()).ToHashSet();
        Assert.Contains("foam-roller", tools);
    }

    // Issue 14, point 6: a GPX without a sport is classified from its speed and cadence: a 66-minute run at 5:30/km
    // is a run with muscle load, not "unknown" with none.
    [Fact]
    public void A_gpx_without_a_sport_is_classified_as_a_run_from_its_pace_and_cadence()
    {
        string gpx = WriteText("no-type.gpx", SportlessGpx(RunStart, minutes: 66, secondsPerKm: 330, strideCadence: 84));

        (int exit, string output, string error) = Run("plan", gpx, "--as-of", "2026-05-01T09:00:00Z", "--json");

        Assert.True(exit == 0, error);
        JsonElement activity = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("activities").EnumerateArray());
        Assert.Equal("running", activity.GetProperty("sport").GetString());
        Assert.True(activity.GetProperty("sportClassified").GetBoolean());
        Assert.True(activity.GetProperty("muscleLoad").GetProperty("calves").GetDouble() > 10);
    }

    [Fact]
    public void Same_inputs_give_the_same_document()
    {
        string run = WriteFit("a.fit", HillyRun(RunStart, minutes: 45, descentMeters: 100));
        string earlier = WriteFit("b.fit", HillyRun(RunStart.AddDays(-2), minutes: 30, descentMeters: 0));
        string[] args = ["plan", run, earlier, "--as-of", "2026-05-02T12:00:00Z", "--json"];

        Assert.Equal(Run(args).Output, Run(args).Output);
    }

    [Fact]
    public void The_activity_table_shows_miles_with_imperial_units()
    {
        string run = WriteFit("a.fit", HillyRun(RunStart, minutes: 45, descentMeters: 100));

        (int exit, string metric, _) = Run("plan", run, "--as-of", "2026-05-01T09:00:00Z");
        (_, string imperial, _) = Run("plan", run, "--as-of", "2026-05-01T09:00:00Z", "--units", "imperial");
        (_, string json, _) = Run("plan", run, "--as-of", "2026-05-01T09:00:00Z", "--json");

        Assert.Equal(0, exit);
        double km = JsonDocument.Parse(json).RootElement.GetProperty("activities")[0].GetProperty("distanceKm").GetDouble();
        Assert.Contains($" km ", metric, StringComparison.Ordinal);
        Assert.Contains($" mi ", imperial, StringComparison.Ordinal);
        Assert.Contains($" {(km * 1000 / 1609.344).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ", imperial, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_file_is_reported_and_the_plan_is_made_from_the_others()
    {
        string good = WriteFit("good.fit", HillyRun(RunStart, minutes: 40, descentMeters: 50));
        string bad = WriteText("bad.gpx", "<gpx><trk><trkseg><trkpt lat=");

        (int exit, string output, string error) = Run("plan", good, bad, "--as-of", "2026-05-01T09:00:00Z", "--json");

        Assert.Equal(1, exit);
        Assert.Contains("bad.gpx", error, StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("activities").EnumerateArray());
    }

    [Theory]
    [InlineData("--as-of", "yesterday")]
    [InlineData("--profile", "does-not-exist.json")]
    public void Bad_usage_exits_2(string option, string value)
    {
        string run = WriteFit("a.fit", HillyRun(RunStart, minutes: 40, descentMeters: 0));

        Assert.Equal(2, Run("plan", run, option, Path.Combine(_folder, value) is var p && option == "--profile" ? p : value).Exit);
    }

    [Fact]
    public void A_profile_that_is_not_json_exits_2_with_its_reason()
    {
        string run = WriteFit("a.fit", HillyRun(RunStart, minutes: 40, descentMeters: 0));
        string profile = WriteText("profile.json", "{ \"tools\": [\"chainsaw\"] }");

        (int exit, _, string error) = Run("plan", run, "--profile", profile);

        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_missing_path_exits_2()
    {
        Assert.Equal(2, Run("plan", Path.Combine(_folder, "nope.fit")).Exit);
    }

    /// <summary>Out and back on a steady slope: half the time climbing, half descending the same height.</summary>
    private static ParsedActivity HillyRun(DateTimeOffset start, int minutes, double descentMeters)
    {
        int seconds = minutes * 60;
        int half = seconds / 2;
        const double Speed = 2.9;
        var samples = new ActivitySample[seconds + 1];
        for (int s = 0; s <= seconds; s++)
        {
            double altitude = s <= half ? 200 + (descentMeters * s / half) : 200 + (descentMeters * (seconds - s) / half);
            samples[s] = new ActivitySample(
                start.AddSeconds(s),
                LatitudeDegrees: 46.0 + (s * Speed / 111_132.0),
                LongitudeDegrees: 14.5,
                AltitudeMeters: altitude,
                DistanceMeters: s * Speed,
                SpeedMetersPerSecond: Speed,
                HeartRateBpm: 150,
                CadenceRpm: 84);
        }

        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = SportWords.Running,
            StartUtc = start,
            Samples = samples,
            Sessions =
            [
                new ActivitySession
                {
                    Sport = SportWords.Running, StartUtc = start, ElapsedTime = TimeSpan.FromSeconds(seconds),
                    TimerTime = TimeSpan.FromSeconds(seconds), DistanceMeters = seconds * Speed,
                    AscentMeters = descentMeters, DescentMeters = descentMeters, SampleCount = samples.Length,
                },
            ],
        };
    }

    private static string SportlessGpx(DateTimeOffset start, int minutes, double secondsPerKm, int strideCadence)
    {
        var points = new System.Text.StringBuilder();
        double speed = 1000 / secondsPerKm;
        for (int s = 0; s <= minutes * 60; s += 5)
        {
            double lat = 46.0 + (s * speed / 111_132.0);
            points.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<trkpt lat="{lat:0.0000000}" lon="14.5"><ele>300</ele><time>{start.AddSeconds(s):yyyy-MM-ddTHH:mm:ssZ}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:cad>{strideCadence}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>""");
        }

        return $"""<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><name>Morning</name><trkseg>{points}</trkseg></trk></gpx>""";
    }

    private string WriteFit(string name, ParsedActivity activity)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, FitActivityWriter.Write(activity));
        return path;
    }

    private string WriteText(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CliApp.Run(args, output, error, TimeProvider.System);
        return (exit, output.ToString(), error.ToString());
    }
}
