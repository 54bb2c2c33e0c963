using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>One item of the recommendation queue (docs/recovery-model.md §7).</summary>
public sealed record Recommendation
{
    /// <summary>Deterministic id: kind, body parts, subject (activity id or day) and due time.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="RecommendationKind"/>.</summary>
    public required string Kind { get; init; }

    public IReadOnlyList<BodyPart> BodyParts { get; init; } = [];

    public string? Technique { get; init; }

    /// <summary>One of <see cref="ToolName"/>, when the recommendation uses a tool.</summary>
    public string? Tool { get; init; }

    public int DurationMinutes { get; init; }

    public required DateTimeOffset DueUtc { get; init; }

    public required DateTimeOffset ExpiresUtc { get; init; }

    /// <summary>0–100, higher first.</summary>
    public required int Priority { get; init; }

    /// <summary>The figures behind the recommendation, in plain words.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The activity that caused it, for post-activity recommendations (the first, when several did).</summary>
    public string? ActivityId { get; init; }

    /// <summary>Every activity a session covers (runs that share a day share one massage session).</summary>
    public IReadOnlyList<string> ActivityIds { get; init; } = [];

    /// <summary>The ordered steps of a massage session: massage per muscle, then stretches.</summary>
    public IReadOnlyList<RecommendationStep> Steps { get; init; } = [];

    /// <summary>A question for the runner ("Is your calf better?"), answered with a check-in.</summary>
    public string? Question { get; init; }

    /// <summary>What caused it, one of <see cref="RecommendationTrigger"/>.</summary>
    public string? Trigger { get; init; }

    /// <summary>The runner's local day it is about, for day advice (rest / easy / quality).</summary>
    public DateOnly? Day { get; init; }

    /// <summary>True for the one kind that suggests hard training.</summary>
    public bool SuggestsIntensity => Kind == RecommendationKind.Quality;
}
