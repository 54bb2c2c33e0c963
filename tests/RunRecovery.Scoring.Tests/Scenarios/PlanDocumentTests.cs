using System.Text.Json;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Planning.Input;
using Xunit;

namespace RunRecovery.Scoring.Tests.Scenarios;

public class PlanDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    // The examples from docs/recovery-model.md §9.
    internal const string ProfileJson = """
        {
          "birthYear": 1986,
          "sex": "female",
          "maxHeartRateBpm": 186,
          "restingHeartRateBpm": 52,
          "experience": "intermediate",
          "weeklyDistanceKm": 35,
          "weightKg": 61,
          "tools": ["foam-roller", "tennis-ball"],
          "massageWindow": { "start": "19:00:00", "end": "21:00:00" },
          "wakeTime": "06:30:00",
          "bedTime": "22:30:00",
          "timeZone": "Europe/Berlin"
        }
        """;

    internal const string CheckinsJson = """
        {
          "checkins": [
            { "date": "2026-04-29", "bodyPart": "calves", "soreness": 4 },
            { "date": "2026-04-30", "bodyPart": "lower-back", "soreness": 2, "pain": true, "note": "after gardening" }
          ],
          "feedback": [
            { "atUtc": "2026-04-28T19:30:00Z", "kind": "massage", "outcome": "dismissed", "tool": "foam-roller", "bodyParts": ["quadriceps"], "reason": "no time" },
            { "atUtc": "2026-04-29T19:10:00Z", "kind": "stretch", "outcome": "done" }
          ]
        }
        """;

    [Fact]
    public void Profile_json_reads_every_field()
    {
        var profile = PlanInput.ReadProfile(ProfileJson, Now);

        Assert.Equal(1986, profile.BirthYear);
        Assert.Equal(Sex.Female, profile.Sex);
        Assert.Equal((186, 52), (profile.MaxHeartRateBpm!.Value, profile.RestingHeartRateBpm!.Value));
        Assert.Equal(ExperienceLevel.Intermediate, profile.Experience);
        Assert.Equal(35, profile.WeeklyDistanceKm);
        Assert.Equal(61, profile.WeightKg);
        Assert.Equal([MassageTool.FoamRoller, MassageTool.TennisBall], profile.Tools);
        Assert.Equal(new TimeWindow(new TimeOnly(19, 0), new TimeOnly(21, 0)), profile.MassageWindow);
        Assert.Equal((new TimeOnly(6, 30), new TimeOnly(22, 30)), (profile.WakeTime, profile.BedTime));
        Assert.Equal("Europe/Berlin", LocalTime.Zone(profile).Id);
    }

    [Fact]
    public void Missing_profile_fields_take_the_documented_defaults()
    {
        var profile = PlanInput.ReadProfile("{}", Now);

        Assert.Equal(RunnerProfile.Default with { Tools = profile.Tools }, profile);
        Assert.Empty(profile.Tools);
        Assert.Equal(TimeZoneInfo.Utc, LocalTime.Zone(profile));
    }

    [Fact]
    public void Unknown_time_zone_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => LocalTime.Zone(new RunnerProfile { TimeZone = "Mars/Olympus_Mons" }));
    }

    [Fact]
    public void Checkins_json_reads_checkins_and_feedback()
    {
        var doc = PlanInput.ReadCheckins(CheckinsJson);

        Assert.Equal((new DateOnly(2026, 4, 29), BodyPart.Calves, 4, false), (doc.Checkins[0].Date, doc.Checkins[0].BodyPart, doc.Checkins[0].Soreness, doc.Checkins[0].HasPain));
        Assert.True(doc.Checkins[1].Pain);
        Assert.Equal(BodyPart.LowerBack, doc.Checkins[1].BodyPart);
        Assert.Equal(FeedbackOutcome.Dismissed, doc.Feedback[0].Outcome);
        Assert.Equal("foam-roller", doc.Feedback[0].Tool);
        Assert.Equal([BodyPart.Quadriceps], doc.Feedback[0].BodyParts!);
        Assert.Equal(new DateTimeOffset(2026, 4, 29, 19, 10, 0, TimeSpan.Zero), doc.Feedback[1].AtUtc);
    }

    [Fact]
    public void Plan_json_has_the_names_the_cli_promises()
    {
        var s = ScenarioTable.All.Single(x => x.Name == "hilly-trail-race-1500m-descent");
        var plan = RecoveryPlanner.Plan(s.Profile, s.Activities, s.Checkins, s.Feedback, s.AsOfUtc);

        using var json = JsonDocument.Parse(PlanJson.Write(PlanDocument.From(plan)));
        var root = json.RootElement;

        var activity = root.GetProperty("activities")[0];
        foreach (var name in new[] { "file", "startUtc", "cardioLoad", "muscleLoad", "recoveryHours" })
        {
            Assert.True(activity.TryGetProperty(name, out _), name);
        }

        foreach (var name in new[] { "calves", "shins", "quadriceps", "hamstrings", "glutes" })
        {
            Assert.Equal(JsonValueKind.Number, activity.GetProperty("muscleLoad").GetProperty(name).ValueKind);
        }

        var day = root.GetProperty("days")[0];
        foreach (var name in new[] { "date", "acute", "chronic", "ratio", "form", "readiness" })
        {
            Assert.True(day.TryGetProperty(name, out _), name);
        }

        Assert.Equal(42, root.GetProperty("days").GetArrayLength());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", day.GetProperty("date").GetString());
        Assert.Contains(day.GetProperty("readiness").GetString(), new[] { "fresh", "normal", "fatigued", "overreaching" });

        var kinds = new[] { "massage", "stretch", "hydration", "rest", "easy", "see-professional", "quality" };
        foreach (var r in root.GetProperty("recommendations").EnumerateArray())
        {
            foreach (var name in new[] { "kind", "bodyParts", "technique", "tool", "durationMinutes", "dueUtc", "expiresUtc", "priority", "reasons" })
            {
                Assert.True(r.TryGetProperty(name, out _), name);
            }

            Assert.Contains(r.GetProperty("kind").GetString(), kinds);
        }

        var massage = root.GetProperty("recommendations").EnumerateArray().First(r => r.GetProperty("kind").GetString() == "massage");
        Assert.Equal("quadriceps", massage.GetProperty("bodyParts")[0].GetString());
        Assert.Equal("foam-roller", massage.GetProperty("tool").GetString());
        Assert.Equal("t-race.fit", root.GetProperty("activities").EnumerateArray().Last().GetProperty("file").GetString());
    }
}
