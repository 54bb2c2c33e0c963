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

    /// <summary>Activities that started at or before <see cref="AsOfUtc"/>, by start.</summary>
    public required IReadOnlyList<ActivityLoad> Activities { get; init; }

    /// <summary>The load series through <see cref="Today"/> (may be empty for a runner with no activities).</summary>
    public required IReadOnlyList<DayLoad> Days { get; init; }

    public required IReadOnlyList<SorenessCheckin> Checkins { get; init; }

    public required IReadOnlyDictionary<BodyPart, IReadOnlyList<string>> Flagged { get; init; }

    public required FeedbackRules Feedback { get; init; }

    public bool IsFlagged(BodyPart part) => Flagged.ContainsKey(part);

    public static BodyPart ToBodyPart(MuscleGroup group) => group switch
    {
        MuscleGroup.Calves => BodyPart.Calves,
        MuscleGroup.Shins => BodyPart.Shins,
        MuscleGroup.Quadriceps => BodyPart.Quadriceps,
        MuscleGroup.Hamstrings => BodyPart.Hamstrings,
        _ => BodyPart.Glutes,
    };
}
