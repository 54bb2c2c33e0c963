using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recommendations;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// The <c>runrecovery plan --json</c> document (docs/recovery-model.md §11). Serialize with
/// <see cref="PlanJson.Options"/> for camelCase names. Loads are rounded to 0.1, hours to 0.1.
/// </summary>
public sealed record PlanDocument(
    DateTimeOffset AsOfUtc,
    IReadOnlyList<PlanDocumentActivity> Activities,
    IReadOnlyList<PlanDocumentDay> Days,
    IReadOnlyList<PlanDocumentRecommendation> Recommendations)
{
    /// <param name="fileNames">File name per activity id, when the caller knows better than the input's FileName.</param>
    public static PlanDocument From(RecoveryPlan plan, IReadOnlyDictionary<string, string>? fileNames = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanDocument(
            plan.AsOfUtc,
            [.. plan.Activities.Select(a => PlanDocumentActivity.From(a, fileNames))],
            [.. plan.Days.Select(PlanDocumentDay.From)],
            [.. plan.Recommendations.Select(PlanDocumentRecommendation.From)]);
    }

    internal static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}

public sealed record PlanDocumentActivity(
    string File,
    DateTimeOffset StartUtc,
    double CardioLoad,
    PlanDocumentMuscleLoad MuscleLoad,
    double RecoveryHours,
    string Id,
    string Sport,
    string CardioMethod,
    double DistanceKm,
    double MovingMinutes,
    double DescentMeters,
    bool SportClassified)
{
    public static PlanDocumentActivity From(ActivityLoad a, IReadOnlyDictionary<string, string>? fileNames = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        string file = fileNames is not null && fileNames.TryGetValue(a.Id, out var name) ? name : a.FileName ?? a.Id;
        return new PlanDocumentActivity(
            file,
            a.StartUtc,
            PlanDocument.Round(a.CardioLoad),
            PlanDocumentMuscleLoad.From(a.MuscleLoad),
            PlanDocument.Round(a.RecoveryHours),
            a.Id,
            a.Sport.ToString().ToLowerInvariant(),
            a.CardioMethod switch
            {
                Load.CardioMethod.HeartRateSamples => "hr-samples",
                Load.CardioMethod.HeartRateAverage => "hr-average",
                Load.CardioMethod.Pace => "pace",
                _ => "duration",
            },
            PlanDocument.Round(a.DistanceMeters / 1000),
            PlanDocument.Round(a.MovingTime.TotalMinutes),
            PlanDocument.Round(a.DescentMeters),
            a.SportClassified);
    }
}

public sealed record PlanDocumentMuscleLoad(double Calves, double Shins, double Quadriceps, double Hamstrings, double Glutes)
{
    public static PlanDocumentMuscleLoad From(MuscleLoad m) => new(
        PlanDocument.Round(m.Calves), PlanDocument.Round(m.Shins), PlanDocument.Round(m.Quadriceps),
        PlanDocument.Round(m.Hamstrings), PlanDocument.Round(m.Glutes));
}

public sealed record PlanDocumentDay(
    DateOnly Date,
    double Acute,
    double Chronic,
    double? Ratio,
    double Form,
    string Readiness,
    double Load,
    double Monotony,
    double Strain,
    double RecoveryHoursLeft,
    int HistoryDays,
    string Baseline,
    double? WeekRatio)
{
    /// <summary>"building" before 28 days of history (no ratio, no "overreaching"), then "established".</summary>
    public const string Building = "building";

    public const string Established = "established";

    public static PlanDocumentDay From(PlanDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var d = day.Load;
        return new PlanDocumentDay(
            d.Date,
            PlanDocument.Round(d.Acute),
            PlanDocument.Round(d.Chronic),
            d.Ratio is { } r ? Math.Round(r, 2, MidpointRounding.AwayFromZero) : null,
            PlanDocument.Round(d.Form),
            day.Readiness.ToString().ToLowerInvariant(),
            PlanDocument.Round(d.Load),
            Math.Round(d.Monotony, 2, MidpointRounding.AwayFromZero),
            PlanDocument.Round(d.Strain),
            PlanDocument.Round(day.RemainingRecoveryHours),
            d.HistoryDays,
            d.BuildingBaseline ? Building : Established,
            d.WeekRatio is { } w ? Math.Round(w, 2, MidpointRounding.AwayFromZero) : null);
    }
}

/// <summary>An item of <see cref="PlanDocument.Recommendations"/>: what it says (<see cref="RecommendationContent"/>, after the
/// kind) and the planner's ids, day, steps, question and trigger, written in this constructor's order (<see cref="ConstructorOrder"/>).</summary>
public sealed record PlanDocumentRecommendation(
    string Kind,
    RecommendationContent Content,
    string Id,
    string? ActivityId,
    DateOnly? Day,
    IReadOnlyList<PlanDocumentStep> Steps,
    IReadOnlyList<string> ActivityIds,
    string? Question,
    string? Trigger) : RecommendationContent(Content)
{
    public static PlanDocumentRecommendation From(Recommendation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new PlanDocumentRecommendation(
            r.Kind,
            new RecommendationContent(
                [.. r.BodyParts.Select(PlanJson.BodyPartName)], r.Technique, r.Tool, r.DurationMinutes, r.DueUtc, r.ExpiresUtc, r.Priority, r.Reasons, r.Sources),
            r.Id,
            r.ActivityId,
            r.Day,
            [.. r.Steps.Select(s => new PlanDocumentStep(s.Action, PlanJson.BodyPartName(s.BodyPart), s.Technique, s.Tool, s.Minutes))],
            r.ActivityIds,
            r.Question,
            r.Trigger);
    }
}

/// <summary>One step of a massage session: "massage" or "stretch", the body part, how, with what, for how long.</summary>
public sealed record PlanDocumentStep(string Action, string BodyPart, string Technique, string? Tool, int Minutes);
