using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>
/// What a recommendation says, as the public documents write it (docs/recovery-model.md §7 and §11, docs/api.md):
/// the fields the <c>runrecovery plan --json</c> item (<see cref="PlanDocumentRecommendation"/>) and the API's queue
/// item (Application's <c>RecommendationView</c>) share, declared once. Each document derives from it and takes it as
/// one parameter of its primary constructor, at the place its contract lists these fields; <see cref="ConstructorOrder"/>
/// writes them there (docs/decisions/boundary-mirrors.md, "3: a fifth look").
/// </summary>
/// <param name="BodyParts">The body parts it is about, as kebab-case words ("lower-back"); a massage session's in step order.</param>
/// <param name="Technique">How, in one line (a massage session: a summary of its steps); null when the kind has none.</param>
/// <param name="Tool">One of <see cref="ToolName"/> (a massage session: its first step's tool); null when it needs none.</param>
/// <param name="DurationMinutes">How long it takes (a massage session: the sum of its steps); 0 when not timed.</param>
/// <param name="DueUtc">When it is due.</param>
/// <param name="ExpiresUtc">When it stops applying (the queue holds it until then).</param>
/// <param name="Priority">0–100, higher first.</param>
/// <param name="Reasons">The figures behind it, in plain words.</param>
/// <param name="Sources">Where the numbers it uses come from (citations, docs/recovery-model.md).</param>
[WrittenInConstructorOrder]
public record RecommendationContent(
    IReadOnlyList<string> BodyParts,
    string? Technique,
    string? Tool,
    int DurationMinutes,
    DateTimeOffset DueUtc,
    DateTimeOffset ExpiresUtc,
    int Priority,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Sources)
{
    /// <summary>
    /// This content. A document's primary constructor parameter of this name and type binds to this property instead of
    /// declaring its own, and is passed to the base's copy constructor (<c>: RecommendationContent(Content)</c>).
    /// Not public: it is not a field of either document.
    /// </summary>
    protected RecommendationContent Content => this;
}
