using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Everything the rules read, resolved once per plan.</summary>
public sealed class RecommendationContext
{
    public required RunnerProfile Profile { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    public required DateTimeOffset AsOfUtc { get; init; }

    /// <summary>The runner's local date at <see cref="AsOfUtc"/>.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Activities that started at or before <see cref="AsOfUtc"/>, by start: at least the last five weeks.</summary>
    public required IReadOnlyList<ActivityLoad> Activities { get; init; }

    /// <summary>The load series through <see cref="Today"/> (may be empty for a runner with no activities).</summary>
    public required IReadOnlyList<DayLoad> Days { get; init; }

    /// <summary>Acute and chronic value before the first day of the history (<see cref="LoadSeries.Seed"/>).</summary>
    public double SeedDailyLoad { get; init; }

    public required IReadOnlyList<SorenessCheckin> Checkins { get; init; }

    public IReadOnlyList<MorningCheckin> Mornings { get; init; } = [];

    public IReadOnlyList<RecommendationFeedback> FeedbackEntries { get; init; } = [];

    /// <summary>Parts that need a professional's look, with the reasons (<see cref="SafetyRules.Flagged"/>).</summary>
    public required IReadOnlyDictionary<BodyPart, IReadOnlyList<string>> Flagged { get; init; }

    /// <summary>The same flags with their dates and urgency; computed from <see cref="Checkins"/> when not given.</summary>
    public SafetyState Safety
    {
        get => _safety ??= SafetyRules.State(Checkins, Today);
        init => _safety = value;
    }

    public required FeedbackRules Feedback { get; init; }

    private SafetyState? _safety;

    public bool IsFlagged(BodyPart part) => Flagged.ContainsKey(part);

    /// <summary>Flagged, or with pain in its latest report: no massage, stretching or intensity for it.</summary>
    public bool IsOffLimits(BodyPart part) => IsFlagged(part) || Safety.Painful.Contains(part);

    public static BodyPart ToBodyPart(MuscleGroup group) => group switch
    {
        MuscleGroup.Calves => BodyPart.Calves,
        MuscleGroup.Shins => BodyPart.Shins,
        MuscleGroup.Quadriceps => BodyPart.Quadriceps,
        MuscleGroup.Hamstrings => BodyPart.Hamstrings,
        _ => BodyPart.Glutes,
    };
}
