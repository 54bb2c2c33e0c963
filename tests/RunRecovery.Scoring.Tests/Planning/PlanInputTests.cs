using CsCheck;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Planning.Input;
using Xunit;

namespace RunRecovery.Scoring.Tests.Planning;

/// <summary>Issue 14, point 5: the strict input contract. Each example of the issue is an error naming file, JSON path,
/// value and the allowed words; nothing is silently dropped or defaulted.</summary>
public class PlanInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static string[] ProfileErrors(string json) =>
        [.. Assert.Throws<InputException>(() => PlanInput.ReadProfile(json, Now)).Errors.Select(e => $"profile.json: {e}")];

    private static string[] CheckinErrors(string json) =>
        [.. Assert.Throws<InputException>(() => PlanInput.ReadCheckins(json)).Errors.Select(e => $"checkins.json: {e}")];

    [Theory]
    [InlineData("""{ "maxHeartRate": 186 }""", "profile.json: $.maxHeartRate: unknown field (did you mean 'maxHeartRateBpm'?)")]
    [InlineData("""{ "toolsOwned": ["foam-roller"] }""", "profile.json: $.toolsOwned: unknown field (did you mean 'tools'?)")]
    [InlineData("""{ "birthYear": 2030 }""", "profile.json: $.birthYear 2030: expected a whole number from 1916 to 2021")]
    [InlineData("""{ "weightKg": -5 }""", "profile.json: $.weightKg -5: expected a number from 20 to 300 kg")]
    [InlineData("""{ "maxHeartRateBpm": 100, "restingHeartRateBpm": 90 }""", "profile.json: $.maxHeartRateBpm 100: must be more than 20 bpm above restingHeartRateBpm (90)")]
    [InlineData("""{ "wakeTime": "23:00", "bedTime": "22:00" }""", "profile.json: $.wakeTime: wakeTime must be at least an hour before bedTime on the same day (bedTime from 12:00 to 23:59)")]
    [InlineData("""{ "timeZone": "Europe/Berln" }""", "profile.json: $.timeZone 'Europe/Berln': expected an IANA time zone id such as Europe/Berlin or America/New_York")]
    [InlineData("""{ "tools": ["foam-roler"] }""", "profile.json: $.tools[0] 'foam-roler': expected one of hands, foam-roller, massage-gun, tennis-ball (did you mean 'foam-roller'?)")]
    [InlineData("""{ "sex": "female", "sex": "male" }""", "profile.json: $.sex: duplicate field: give it once")]
    [InlineData("""{ "massageWindow": { "start": "21:00" } }""", "profile.json: $.massageWindow.end: required")]
    public void Profile_mistakes_are_named_with_path_value_and_allowed_words(string json, string expected)
    {
        var errors = ProfileErrors(json);
        Assert.True(errors.Any(e => e.StartsWith(expected, StringComparison.Ordinal)), string.Join('\n', errors));
    }

    [Theory]
    [InlineData("""[{ "date": "2026-04-30", "bodyPart": "calf", "soreness": 4 }]""", "checkins.json: $[0].bodyPart 'calf': expected one of calves, shins, quadriceps, hamstrings, glutes, feet, ankles, knees, hips, lower-back, other (did you mean 'calves'?)")]
    [InlineData("""[{ "date": "2026-04-30", "soreness": 4 }]""", "checkins.json: $[0].bodyPart: required")]
    [InlineData("""[{ "bodyPart": "calves", "soreness": 4 }]""", "checkins.json: $[0].date: required")]
    [InlineData("""[{ "date": "2026-04-30", "bodyPart": "calves", "soreness": 15 }]""", "checkins.json: $[0].soreness 15: expected a whole number from 0 to 10")]
    [InlineData("""[{ "date": "2026-04-30", "bodyPart": "calves", "soreness": -4 }]""", "checkins.json: $[0].soreness -4: expected a whole number from 0 to 10")]
    [InlineData("""[{ "date": "2026-04-30", "bodyPart": "calves", "soreness": 4, "painfull": true }]""", "checkins.json: $[0].painfull: unknown field (did you mean 'pain'?); allowed: date, bodyPart, soreness, pain, painCharacter, redFlags, overallSoreness, sleepQuality, restingHeartRateBpm, note")]
    [InlineData("""{ "checkins": [], "feedbak": [] }""", "checkins.json: $.feedbak: unknown field (did you mean 'feedback'?); allowed: checkins, feedback")]
    [InlineData("""[{ "date": "2026-04-30", "bodyPart": "calves", "soreness": 2, "pain": 5 }]""", "checkins.json: $[0].painCharacter: required when pain is above 0: one of sharp, dull, aching")]
    [InlineData("""[{ "date": "2026-04-30", "bodyPart": "calves", "soreness": 2, "redFlags": ["swollen"] }]""", "checkins.json: $[0].redFlags[0] 'swollen': expected one of swelling, warmth, pain-at-rest, pain-at-night, cannot-bear-weight (did you mean 'swelling'?)")]
    [InlineData("""[{ "date": "30.04.2026", "sleepQuality": 3 }]""", "checkins.json: $[0].date '30.04.2026': expected a date such as 2026-04-30")]
    [InlineData("""[{ "date": "2026-04-30" }]""", "checkins.json: $[0]: a check-in needs bodyPart and soreness (0–10), or a morning report: overallSoreness, sleepQuality or restingHeartRateBpm")]
    [InlineData("""[{ "date": "2026-04-30", "sleepQuality": null }]""", "checkins.json: $[0].sleepQuality null: null is not allowed: leave the field out")]
    [InlineData("""{ "feedback": [{ "atUtc": "2026-04-28T19:30:00", "kind": "massage", "outcome": "skipped" }] }""", "checkins.json: $.feedback[0].outcome 'skipped': expected one of done, dismissed")]
    public void Checkin_mistakes_are_named_with_path_value_and_allowed_words(string json, string expected)
    {
        Assert.Contains(expected, CheckinErrors(json));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var errors = CheckinErrors("""[{ "date": "2026-04-30", "bodyPart": "calf", "soreness": 15 }, { "bodyPart": "shins", "soreness": 2 }]""");

        Assert.Equal(3, errors.Length);
    }

    [Theory]
    [InlineData("foam roller")]
    [InlineData("Foam-Roller")]
    [InlineData("FOAM_ROLLER")]
    [InlineData("foam-roller")]
    public void Obvious_spellings_of_a_word_are_accepted(string tool)
    {
        var profile = PlanInput.ReadProfile($$"""{ "tools": ["{{tool}}"] }""", Now);

        Assert.Equal([MassageTool.FoamRoller], profile.Tools);
    }

    [Fact]
    public void A_checkin_reads_pain_character_red_flags_and_the_morning_report()
    {
        var reports = PlanInput.ReadCheckins("""
            [
              { "date": "2026-04-30", "bodyPart": "Lower back", "soreness": 3, "pain": 6, "painCharacter": "sharp", "redFlags": ["pain-at-night"] },
              { "date": "2026-05-01", "overallSoreness": 2, "sleepQuality": 4, "restingHeartRateBpm": 51 },
              { "date": "2026-05-01", "bodyPart": "calves", "soreness": 2, "pain": true }
            ]
            """);

        var back = reports.Checkins[0];
        Assert.Equal((BodyPart.LowerBack, 6, PainCharacter.Sharp), (back.BodyPart, back.PainSeverity!.Value, back.PainCharacter!.Value));
        Assert.Equal([RedFlag.PainAtNight], back.RedFlags);
        Assert.Equal(new MorningCheckin(new DateOnly(2026, 5, 1), 2, 4, 51), Assert.Single(reports.Mornings));
        Assert.True(reports.Checkins[1].Pain); // the older boolean form, still accepted
    }

    [Fact]
    public void Broken_json_is_an_input_error_with_a_position()
    {
        var error = Assert.Single(CheckinErrors("""[{ "date": "2026-04-30", """));

        Assert.StartsWith("checkins.json: $", error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    // The published schemas and the reader agree: documents built from the contract's own words and ranges, then
    // mutated, are accepted by both or rejected by both (docs/schemas/*.json; the rules a schema cannot state are kept
    // out of the generator and listed in the schema's description).
    [Fact]
    public void The_json_schemas_and_the_reader_agree()
    {
        Gen.Select(CheckinDocument, Gen.Int[0, 9]).Sample((doc, mutation) =>
        {
            string json = Mutate(doc, mutation);
            bool schema = Schemas.Valid(Schemas.Checkin, json);
            bool reader = Reads(() => PlanInput.ReadCheckins("[" + json + "]"));
            Assert.True(schema == reader, $"schema {schema}, reader {reader}: {json}");
            Assert.Equal(schema, Schemas.Valid(Schemas.CheckinsFile, "[" + json + "]"));
        }, iter: 400, threads: 1);

        Gen.Select(ProfileDocument, Gen.Int[0, 9]).Sample((doc, mutation) =>
        {
            string json = Mutate(doc, mutation);
            bool schema = Schemas.Valid(Schemas.Profile, json);
            bool reader = Reads(() => PlanInput.ReadProfile(json, Now));
            Assert.True(schema == reader, $"schema {schema}, reader {reader}: {json}");
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void The_documented_examples_are_valid_under_the_schemas()
    {
        Assert.True(Schemas.Valid(Schemas.Profile, Scenarios.PlanDocumentTests.ProfileJson));
        Assert.True(Schemas.Valid(Schemas.CheckinsFile, Scenarios.PlanDocumentTests.CheckinsJson));
    }

    private static bool Reads(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InputException)
        {
            return false;
        }
    }

    private static readonly string[] Parts = ["calves", "shins", "quadriceps", "hamstrings", "glutes", "feet", "ankles", "knees", "hips", "lower-back", "other"];

    private static readonly Gen<Dictionary<string, string>> CheckinDocument =
        from part in Gen.Bool
        from morning in Gen.Bool
        from bodyPart in Gen.OneOf(Parts)
        from soreness in Gen.Int[0, 10]
        from pain in Gen.Int[0, 10]
        from character in Gen.OneOf("sharp", "dull", "aching")
        from flags in Gen.OneOf("swelling", "warmth", "pain-at-rest", "pain-at-night", "cannot-bear-weight").Array[0, 2]
        from overall in Gen.Int[0, 10]
        from sleep in Gen.Int[1, 5]
        from rhr in Gen.Int[25, 120]
        select Build(part || !morning, morning, bodyPart, soreness, pain, character, flags, overall, sleep, rhr);

    private static Dictionary<string, string> Build(bool part, bool morning, string bodyPart, int soreness, int pain, string character, string[] flags,
        int overall, int sleep, int rhr)
    {
        var doc = new Dictionary<string, string> { ["date"] = "\"2026-04-30\"" };
        if (part)
        {
            doc["bodyPart"] = $"\"{bodyPart}\"";
            doc["soreness"] = $"{soreness}";
            if (pain > 0)
            {
                doc["pain"] = $"{pain}";
                doc["painCharacter"] = $"\"{character}\"";
            }

            if (flags.Length > 0)
            {
                doc["redFlags"] = "[" + string.Join(',', flags.Select(f => $"\"{f}\"")) + "]";
            }
        }

        if (morning)
        {
            doc["overallSoreness"] = $"{overall}";
            doc["sleepQuality"] = $"{sleep}";
            doc["restingHeartRateBpm"] = $"{rhr}";
        }

        return doc;
    }

    private static readonly Gen<Dictionary<string, string>> ProfileDocument =
        from birth in Gen.Int[1917, 2020]
        from sex in Gen.OneOf("male", "female", "unknown")
        from rest in Gen.Int[25, 90]
        from max in Gen.Int[160, 240]
        from experience in Gen.OneOf("beginner", "intermediate", "advanced")
        from weekly in Gen.Int[0, 500]
        from weight in Gen.Int[20, 300]
        from tools in Gen.OneOf("hands", "foam-roller", "massage-gun", "tennis-ball").Array[0, 3]
        from zone in Gen.OneOf("Europe/Berlin", "America/New_York", "UTC")
        from units in Gen.OneOf("metric", "imperial")
        select new Dictionary<string, string>
        {
            ["birthYear"] = $"{birth}",
            ["sex"] = $"\"{sex}\"",
            ["restingHeartRateBpm"] = $"{rest}",
            ["maxHeartRateBpm"] = $"{max}",
            ["experience"] = $"\"{experience}\"",
            ["weeklyDistanceKm"] = $"{weekly}",
            ["weightKg"] = $"{weight}",
            ["tools"] = "[" + string.Join(',', tools.Select(t => $"\"{t}\"")) + "]",
            ["massageWindow"] = """{ "start": "19:00", "end": "21:00" }""",
            ["wakeTime"] = "\"06:30\"",
            ["bedTime"] = "\"22:30:00\"",
            ["timeZone"] = $"\"{zone}\"",
            ["units"] = $"\"{units}\"",
        };

    /// <summary>0–2: unchanged; 3: an unknown field; 4: a field dropped; 5: a number out of range; 6: a word misspelt;
    /// 7: a string where a number belongs; 8: a number made fractional; 9: a field set to null.</summary>
    private static string Mutate(Dictionary<string, string> doc, int mutation)
    {
        var copy = new Dictionary<string, string>(doc);
        string first = copy.Keys.Last();
        string? number = copy.Keys.LastOrDefault(k => int.TryParse(copy[k], out _));
        string? word = copy.Keys.LastOrDefault(k => copy[k].StartsWith('"') && !copy[k].Contains(':', StringComparison.Ordinal) && !copy[k].Contains('-', StringComparison.Ordinal) && k != "timeZone");
        switch (mutation)
        {
            case 3:
                copy["feedbak"] = "1";
                break;
            case 4:
                copy.Remove(first);
                break;
            case 5 when number is not null:
                copy[number] = "1000";
                break;
            case 6 when word is not null:
                copy[word] = copy[word].Insert(2, "q");
                break;
            case 7 when number is not null:
                copy[number] = $"\"{copy[number]}\"";
                break;
            case 8 when number is not null:
                copy[number] += ".5";
                break;
            case 9:
                copy[first] = "null";
                break;
        }

        return "{" + string.Join(", ", copy.Select(p => $"\"{p.Key}\": {p.Value}")) + "}";
    }
}
