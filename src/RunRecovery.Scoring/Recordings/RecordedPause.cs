namespace RunRecovery.Scoring.Recordings;

/// <summary>A timer stop: from <see cref="StopUtc"/> until <see cref="ResumeUtc"/> (null when never resumed).</summary>
public readonly record struct RecordedPause(DateTimeOffset StopUtc, DateTimeOffset? ResumeUtc);
