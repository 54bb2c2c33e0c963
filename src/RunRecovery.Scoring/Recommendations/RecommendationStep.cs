using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>One step of a massage session, in order (docs/recovery-model.md §7.1).</summary>
/// <param name="Action"><see cref="StepAction.Massage"/> or <see cref="StepAction.Stretch"/>.</param>
/// <param name="Tool">One of <see cref="ToolName"/>.</param>
public sealed record RecommendationStep(string Action, BodyPart BodyPart, string Technique, string Tool, int Minutes);
