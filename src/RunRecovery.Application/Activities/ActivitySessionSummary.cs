using System.Text.Json;
using RunRecovery.Analysis;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities;

/// <summary>
/// One session of a multi-session file (a triathlon's swim, transitions, ride and run) with its own sport and the
/// totals measured over its own samples, as <c>runrecovery inspect</c> lists them. <see cref="Number"/> counts from
/// 1 in file order and is the "#n" of the session's load in the activity's <c>loads</c>.
/// </summary>
public sealed record ActivitySessionSummary(
    int Number,
    string Sport,
    string? SubSport,
    DateTimeOffset? StartUtc,
    double? ElapsedSeconds,
    double? MovingSeconds,
    double? DistanceMeters,
    double? AscentMeters,
    double? DescentMeters,
    int? AverageHeartRateBpm,
    int? MaxHeartRateBpm,
    double? AverageCadence,
    string? CadenceUnit,
    int SampleCount)
{
    /// <summary>Each session of a file that has several; none for a file of one session (the activity is its only one).</summary>
    public static IReadOnlyList<ActivitySessionSummary> From(ActivityAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        IReadOnlyList<ActivityMetrics> metrics = analysis.SessionMetrics();
        var sessions = new List<ActivitySessionSummary>(metrics.Count);
        for (int i = 0; i < metrics.Count; i++)
        {
            RecordedSession session = analysis.Recording.Sessions[i];
            ActivityMetrics m = metrics[i];
            sessions.Add(new ActivitySessionSummary(
                i + 1,
                session.Sport.ToString().ToLowerInvariant(),
                session.SubSport,
                m.StartUtc ?? session.Stated.StartUtc,
                m.ElapsedTime?.TotalSeconds,
                m.MovingTime?.TotalSeconds,
                m.DistanceMeters,
                m.AscentMeters,
                m.DescentMeters,
                m.HeartRate?.AverageBpm,
                m.HeartRate?.MaxBpm,
                m.AverageCadence,
                m.CadenceUnit,
                m.SampleCount));
        }

        return sessions;
    }

    /// <summary>As <c>activities.sessions</c> holds them (web names, nulls left out).</summary>
    public static string Serialize(IReadOnlyList<ActivitySessionSummary> sessions) =>
        JsonSerializer.Serialize(sessions, StoredModelJson.Options);

    /// <summary>The stored sessions; none when the column is not filled yet (the sessions backfill fills it).</summary>
    public static IReadOnlyList<ActivitySessionSummary> Deserialize(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<ActivitySessionSummary[]>(json, StoredModelJson.Options) ?? [];
}
