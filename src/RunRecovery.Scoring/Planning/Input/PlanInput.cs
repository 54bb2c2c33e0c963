using System.Text.Json;
using RunRecovery.Scoring.Recommendations;

namespace RunRecovery.Scoring.Planning.Input;

/// <summary>
/// The strict input contract for profiles and check-ins, the same for the CLI and the API (docs/recovery-model.md §9,
/// JSON Schemas in docs/schemas/): unknown and duplicate fields are errors, required fields are required, every number
/// has a range, words come from a list. Problems are collected with their JSON path and thrown as one
/// <see cref="InputException"/>.
/// </summary>
public static class PlanInput
{
    public static readonly string[] ProfileFields =
    [
        "birthYear", "sex", "maxHeartRateBpm", "restingHeartRateBpm", "experience", "weeklyDistanceKm", "weightKg", "tools",
        "massageWindow", "wakeTime", "bedTime", "timeZone", "units", "webhookUrl",
    ];

    public static readonly string[] CheckinFields =
    [
        "date", "bodyPart", "soreness", "pain", "painCharacter", "redFlags", "overallSoreness", "sleepQuality", "restingHeartRateBpm", "note",
    ];

    public static readonly string[] FeedbackFields = ["atUtc", "kind", "outcome", "tool", "bodyParts", "reason", "recommendationId"];

    public const int MaxNoteLength = 2000;

    internal static readonly IReadOnlyDictionary<string, Sex> SexWords = Words.Of<Sex>();
    internal static readonly IReadOnlyDictionary<string, ExperienceLevel> ExperienceWords = Words.Of<ExperienceLevel>();
    internal static readonly IReadOnlyDictionary<string, MassageTool> ToolWords = Words.Of<MassageTool>();
    internal static readonly IReadOnlyDictionary<string, DistanceUnits> UnitWords = Words.Of<DistanceUnits>();
    internal static readonly IReadOnlyDictionary<string, BodyPart> BodyPartWords = Words.Of<BodyPart>();
    internal static readonly IReadOnlyDictionary<string, PainCharacter> PainWords = Words.Of<PainCharacter>();
    internal static readonly IReadOnlyDictionary<string, RedFlag> RedFlagWords = Words.Of<RedFlag>();
    internal static readonly IReadOnlyDictionary<string, FeedbackOutcome> OutcomeWords = Words.Of<FeedbackOutcome>();

    internal static readonly IReadOnlyDictionary<string, string> KindWords = new[]
    {
        RecommendationKind.Massage, RecommendationKind.Stretch, RecommendationKind.Hydration, RecommendationKind.Rest,
        RecommendationKind.Easy, RecommendationKind.SeeProfessional, RecommendationKind.Quality,
    }.ToDictionary(k => k, k => k, StringComparer.Ordinal);

    /// <summary>profile.json. <paramref name="todayUtc"/> bounds the birth year (5 to 110 years before).</summary>
    public static RunnerProfile ReadProfile(string json, DateTimeOffset todayUtc, string source = "profile.json")
    {
        var errors = new List<InputError>();
        var profile = Parse(json, source, root => ProfileFrom(root, "$", todayUtc, errors));
        Throw(source, errors);
        return profile ?? RunnerProfile.Default;
    }

    /// <summary>checkins.json: an object { "checkins": [...], "feedback": [...] }, or a bare list of check-ins.</summary>
    public static RunnerReports ReadCheckins(string json, string source = "checkins.json")
    {
        var errors = new List<InputError>();
        var reports = Parse(json, source, root =>
        {
            if (root.ValueKind == JsonValueKind.Array)
            {
                return Reports(JsonFields.Items(root, "$", errors, (e, p) => CheckinFrom(e, p, errors)), null);
            }

            var fields = JsonFields.Open(root, "$", errors, ["checkins", "feedback"]);
            return fields is null ? null : Reports(
                fields.Array("checkins", (e, p) => CheckinFrom(e, p, errors)),
                fields.Array("feedback", (e, p) => FeedbackFrom(e, p, errors)));
        });
        Throw(source, errors);
        return reports ?? RunnerReports.None;
    }

    /// <summary>One check-in object (the API's request body, an item of checkins.json).</summary>
    public static Checkin? ReadCheckin(JsonElement element, string path, List<InputError> errors) => CheckinFrom(element, path, errors);

    public static RunnerProfile? ReadProfile(JsonElement element, string path, DateTimeOffset todayUtc, List<InputError> errors) =>
        ProfileFrom(element, path, todayUtc, errors);

    private static T? Parse<T>(string json, string source, Func<JsonElement, T?> read)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InputException(source, [new InputError(e.Path is { Length: > 0 } p ? p : "$", null,
                $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})")]);
        }
    }

    private static void Throw(string source, List<InputError> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputException(source, errors);
        }
    }

    private static RunnerReports Reports(List<Checkin>? checkins, List<RecommendationFeedback>? feedback) => new()
    {
        Checkins = [.. (checkins ?? []).Select(c => c.Part).OfType<SorenessCheckin>()],
        Mornings = [.. (checkins ?? []).Select(c => c.Morning).OfType<MorningCheckin>()],
        Feedback = feedback ?? [],
    };

    private static RunnerProfile? ProfileFrom(JsonElement element, string path, DateTimeOffset todayUtc, List<InputError> errors)
    {
        var f = JsonFields.Open(element, path, errors, ProfileFields, nullIsAbsent: true);
        if (f is null)
        {
            return null;
        }

        int year = todayUtc.Year;
        int? max = f.Int("maxHeartRateBpm", 100, 240, unit: "bpm");
        int? rest = f.Int("restingHeartRateBpm", 25, 120, unit: "bpm");
        if (max is { } m && rest is { } r && m <= r + 20)
        {
            errors.Add(new InputError(JsonFields.Field(path, "maxHeartRateBpm"), m.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"must be more than 20 bpm above restingHeartRateBpm ({r})"));
        }

        var window = f.TryGet("massageWindow", false, out var w) ? WindowFrom(w, JsonFields.Field(path, "massageWindow"), errors) : null;
        TimeOnly? wake = f.Time("wakeTime");
        TimeOnly? bed = f.Time("bedTime");
        if ((wake ?? new TimeOnly(7, 0)) >= (bed ?? new TimeOnly(22, 0)).AddMinutes(-60) || (bed is { } b && b < new TimeOnly(12, 0)))
        {
            errors.Add(new InputError(JsonFields.Field(path, wake is null ? "bedTime" : "wakeTime"), null,
                "wakeTime must be at least an hour before bedTime on the same day (bedTime from 12:00 to 23:59)"));
        }

        string? zone = f.Text("timeZone", 100);
        if (zone is { Length: > 0 } && !TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out _))
        {
            errors.Add(new InputError(JsonFields.Field(path, "timeZone"), $"'{zone}'", "expected an IANA time zone id such as Europe/Berlin or America/New_York"));
            zone = null;
        }

        var tools = f.WordList("tools", ToolWords, maxItems: 10);
        string? webhook = f.Text("webhookUrl", 2000);
        return new RunnerProfile
        {
            BirthYear = f.Int("birthYear", year - 110, year - 5),
            Sex = f.Word("sex", SexWords) ?? Sex.Unknown,
            MaxHeartRateBpm = max,
            RestingHeartRateBpm = rest,
            Experience = f.Word("experience", ExperienceWords) ?? ExperienceLevel.Intermediate,
            WeeklyDistanceKm = f.Number("weeklyDistanceKm", 0, 500, unit: "km"),
            WeightKg = f.Number("weightKg", 20, 300, unit: "kg"),
            Tools = [.. (tools ?? []).Distinct()],
            MassageWindow = window,
            WakeTime = wake ?? new TimeOnly(7, 0),
            BedTime = bed ?? new TimeOnly(22, 0),
            TimeZone = zone?.Trim(),
            Units = f.Word("units", UnitWords) ?? DistanceUnits.Metric,
            WebhookUrl = string.IsNullOrWhiteSpace(webhook) ? null : webhook.Trim(),
        };
    }

    private static TimeWindow? WindowFrom(JsonElement element, string path, List<InputError> errors)
    {
        var f = JsonFields.Open(element, path, errors, ["start", "end"], nullIsAbsent: true);
        if (f is null)
        {
            return null;
        }

        TimeOnly? start = f.Time("start", required: true);
        TimeOnly? end = f.Time("end", required: true);
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                errors.Add(new InputError(JsonFields.Field(path, "end"), null, "must be after start, on the same day"));
                return null;
            }

            return new TimeWindow(s, e);
        }

        return null;
    }

    private static Checkin? CheckinFrom(JsonElement element, string path, List<InputError> errors)
    {
        var f = JsonFields.Open(element, path, errors, CheckinFields);
        if (f is null)
        {
            return null;
        }

        int before = errors.Count;
        DateOnly? date = f.Date("date", required: true);
        string? note = f.Text("note", MaxNoteLength);
        bool isPart = f.Has("bodyPart") || f.Has("soreness") || f.Has("pain") || f.Has("painCharacter") || f.Has("redFlags");
        bool isMorning = f.Has("overallSoreness") || f.Has("sleepQuality") || f.Has("restingHeartRateBpm");
        if (!isPart && !isMorning)
        {
            errors.Add(new InputError(path, null, "a check-in needs bodyPart and soreness (0–10), or a morning report: overallSoreness, sleepQuality or restingHeartRateBpm"));
            return null;
        }

        SorenessCheckin? part = null;
        if (isPart)
        {
            BodyPart? bodyPart = f.Word("bodyPart", BodyPartWords, required: true);
            int? soreness = f.Int("soreness", 0, 10, required: true);
            (bool legacy, int? pain) = Pain(f, path, errors);
            PainCharacter? character = f.Word("painCharacter", PainWords);
            if (pain > 0 && character is null && !f.Has("painCharacter"))
            {
                errors.Add(new InputError(JsonFields.Field(path, "painCharacter"), null, $"required when pain is above 0: one of {string.Join(", ", PainWords.Keys)}"));
            }

            var flags = f.WordList("redFlags", RedFlagWords, maxItems: 10);
            if (bodyPart is { } b && soreness is { } s && date is { } d)
            {
                part = new SorenessCheckin(d, b, s, legacy, note)
                {
                    PainSeverity = pain,
                    PainCharacter = pain > 0 ? character : null,
                    RedFlags = [.. (flags ?? []).Distinct()],
                };
            }
        }

        MorningCheckin? morning = null;
        if (isMorning)
        {
            int? overall = f.Int("overallSoreness", 0, 10);
            int? sleep = f.Int("sleepQuality", 1, 5);
            int? rhr = f.Int("restingHeartRateBpm", 25, 120, unit: "bpm");
            if (date is { } d)
            {
                morning = new MorningCheckin(d, overall, sleep, rhr);
            }
        }

        return errors.Count > before ? null : new Checkin(part, morning, note);
    }

    /// <summary>pain: 0–10, or (the contract before issue 14, still accepted) true / false.</summary>
    private static (bool Legacy, int? Severity) Pain(JsonFields f, string path, List<InputError> errors)
    {
        if (!f.TryGet("pain", false, out var value))
        {
            return (false, null);
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return (value.ValueKind == JsonValueKind.True, null);
        }

        return (false, f.Int("pain", 0, 10));
    }

    private static RecommendationFeedback? FeedbackFrom(JsonElement element, string path, List<InputError> errors)
    {
        var f = JsonFields.Open(element, path, errors, FeedbackFields);
        if (f is null)
        {
            return null;
        }

        int before = errors.Count;
        DateTimeOffset? at = f.Instant("atUtc", required: true);
        string? kind = f.Word("kind", KindWords.ToDictionary(k => k.Key, k => new KindWord(k.Value)), required: true)?.Value;
        FeedbackOutcome? outcome = f.Word("outcome", OutcomeWords, required: true);
        var toolWords = ToolWords.Keys.Append(ToolName.Electrolytes).ToDictionary(t => t, t => new KindWord(t), StringComparer.Ordinal);
        string? tool = f.Word("tool", toolWords)?.Value;
        var parts = f.WordList("bodyParts", BodyPartWords, maxItems: 20);
        string? reason = f.Text("reason", MaxNoteLength);
        string? id = f.Text("recommendationId", 300);
        return errors.Count > before || at is null || kind is null || outcome is null
            ? null
            : new RecommendationFeedback(at.Value, kind, outcome.Value, tool, parts, reason, id);
    }

    /// <summary>A word that maps to itself (lets string lists share the enum word matching).</summary>
    private readonly record struct KindWord(string Value);
}

/// <summary>One check-in as read: a body-part report, a morning report, or both (same date), and its note.</summary>
public sealed record Checkin(SorenessCheckin? Part, MorningCheckin? Morning, string? Note = null);
