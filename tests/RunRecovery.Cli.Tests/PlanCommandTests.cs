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

    [Fact]
    public void A_hilly_hour_earns_a_leg_massage_with_the_tools_the_runner_owns_and_its_reasons()
    {
        string run = WriteFit("descent.fit", HillyRun(RunStart, minutes: 70, descentMeters: 600));
        string profile = WriteText("profile.json", """{ "birthYear": 1985, "sex": "female", "tools": ["hands"], "timeZone": "UTC" }""");

        (int exit, string output, _) = Run("plan", run, "--profile", profile, "--as-of", "2026-05-01T08:30:00Z", "--json");

        Assert.Equal(0, exit);
        JsonElement[] massages = [.. JsonDocument.Parse(output).RootElement.GetProperty("recommendations").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "massage")];
        Assert.NotEmpty(massages);
        Assert.Contains(massages, m => m.GetProperty("bodyParts").EnumerateArray().Any(p => p.GetString() == "quadriceps"));
        Assert.All(massages, m => Assert.Equal("hands", m.GetProperty("tool").GetString()));
        Assert.All(massages, m => Assert.NotEmpty(m.GetProperty("reasons").EnumerateArray()));
        Assert.True(massages.Sum(m => m.GetProperty("durationMinutes").GetInt32()) >= 5);
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
            Sport = Sport.Running,
            StartUtc = start,
            Samples = samples,
            Sessions =
            [
                new ActivitySession
                {
                    Sport = Sport.Running, StartUtc = start, ElapsedTime = TimeSpan.FromSeconds(seconds),
                    TimerTime = TimeSpan.FromSeconds(seconds), DistanceMeters = seconds * Speed,
                    AscentMeters = descentMeters, DescentMeters = descentMeters, SampleCount = samples.Length,
                },
            ],
        };
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
