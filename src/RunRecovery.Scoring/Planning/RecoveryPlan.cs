using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Recovery;

namespace RunRecovery.Scoring.Planning;

/// <summary>One day of the plan's series with its readiness.</summary>
/// <param name="RemainingRecoveryHours">Recovery time left at the end of the day (or at "as of" for today).</param>
public sealed record PlanDay(DayLoad Load, Readiness Readiness, double RemainingRecoveryHours);

/// <summary>The result of <see cref="RecoveryPlanner.Plan(LoadHistory, IReadOnlyList{SorenessCheckin}, IReadOnlyList{RecommendationFeedback}, DateTimeOffset, int)"/>.</summary>
public sealed record RecoveryPlan(
    DateTimeOffset AsOfUtc,
    IReadOnlyList<ActivityLoad> Activities,
    IReadOnlyList<PlanDay> Days,
    IReadOnlyList<Recommendation> Recommendations);
