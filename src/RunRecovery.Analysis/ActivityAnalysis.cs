using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Analysis;

/// <summary>
/// One parsed file measured for one runner: Scoring's view of it, its metrics with the runner's options
/// (<see cref="MetricsOptions.For"/>), and what the load model takes from it. The service's upload and import and the
/// CLI's inspect and plan all go through here, so they measure a file the same way.
/// </summary>
public sealed class ActivityAnalysis
{
    private ActivityAnalysis(RecordedActivity recording, MetricsOptions options)
    {
        Recording = recording;
        Options = options;
        Metrics = ActivityMetrics.From(recording, options);
    }

    public RecordedActivity Recording { get; }

    public MetricsOptions Options { get; }

    /// <summary>The whole file (all sessions together).</summary>
    public ActivityMetrics Metrics { get; }

    public static ActivityAnalysis Of(ParsedActivity parsed, RunnerProfile profile) =>
        new(RecordingMapper.From(parsed), MetricsOptions.For(profile));

    /// <summary>Metrics of each session, when the file has more than one (a triathlon, a brick); else none.</summary>
    public IReadOnlyList<ActivityMetrics> SessionMetrics() =>
        Recording.Sessions.Count > 1
            ? [.. Recording.Sessions.Select((_, i) => ActivityMetrics.ForSession(Recording, i, Options))]
            : [];

    /// <summary>The load model's inputs (one per session of a multi-session file); none when the file cannot be placed.</summary>
    public IReadOnlyList<ActivityLoadInput> LoadInputs(string id, string? fileName) =>
        ActivityLoadInputMapper.From(id, fileName, Recording, Metrics);
}
