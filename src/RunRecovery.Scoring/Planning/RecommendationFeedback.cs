namespace RunRecovery.Scoring.Planning;

/// <summary>What the runner did with an earlier recommendation (checkins.json, docs/recovery-model.md §8).</summary>
/// <param name="RecommendationId">The <c>id</c> of the recommendation, when known.</param>
/// <param name="Kind">Its kind ("massage", "stretch"…), so rules can learn without the id.</param>
/// <param name="Tool">Its tool ("foam-roller"…), when it had one.</param>
public sealed record RecommendationFeedback(
    DateTimeOffset AtUtc,
    string Kind,
    FeedbackOutcome Outcome,
    string? Tool = null,
    IReadOnlyList<BodyPart>? BodyParts = null,
    string? Reason = null,
    string? RecommendationId = null);

public enum FeedbackOutcome
{
    Done,
    Dismissed,
}
