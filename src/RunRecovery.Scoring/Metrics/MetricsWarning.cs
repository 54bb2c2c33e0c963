namespace RunRecovery.Scoring.Metrics;

/// <summary>An oddity found while computing metrics (stated totals that disagree with the samples, spikes…).
/// <see cref="Code"/> is a stable lowercase word.</summary>
public sealed record MetricsWarning(string Code, string Message);
