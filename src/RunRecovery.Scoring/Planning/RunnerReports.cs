namespace RunRecovery.Scoring.Planning;

/// <summary>What the runner told us: body-part check-ins, morning check-ins and feedback on recommendations.</summary>
public sealed record RunnerReports
{
    public static RunnerReports None { get; } = new();

    public IReadOnlyList<SorenessCheckin> Checkins { get; init; } = [];

    public IReadOnlyList<MorningCheckin> Mornings { get; init; } = [];

    public IReadOnlyList<RecommendationFeedback> Feedback { get; init; } = [];
}
