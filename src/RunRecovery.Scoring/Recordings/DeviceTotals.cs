namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// What a device stated for a stretch of a recording (a session, or several taken together): its start and its own
/// totals, not ours. A value the device did not state is <c>null</c>. Metrics prefer these to what the samples show
/// unless the two disagree (docs/metrics.md, "Stated totals and samples").
/// </summary>
public readonly record struct DeviceTotals(
    DateTimeOffset? StartUtc = null,
    TimeSpan? ElapsedTime = null,
    TimeSpan? TimerTime = null,
    double? DistanceMeters = null,
    double? AscentMeters = null,
    double? DescentMeters = null)
{
    /// <summary>
    /// The totals of several sessions taken together: a total counts only when every session states it (a triathlon
    /// whose swim states no distance has no stated distance as a whole, not the ride's and run's); the start is the
    /// first one stated. No session states nothing.
    /// </summary>
    public static DeviceTotals Across(IReadOnlyList<RecordedSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 1)
        {
            return sessions[0].Stated;
        }

        return new DeviceTotals(
            sessions.Select(s => s.Stated.StartUtc).FirstOrDefault(s => s is not null),
            Sum(sessions, s => s.ElapsedTime),
            Sum(sessions, s => s.TimerTime),
            Sum(sessions, s => s.DistanceMeters),
            Sum(sessions, s => s.AscentMeters),
            Sum(sessions, s => s.DescentMeters));
    }

    private static TimeSpan? Sum(IReadOnlyList<RecordedSession> sessions, Func<DeviceTotals, TimeSpan?> value) =>
        sessions.Count > 0 && sessions.All(s => value(s.Stated) is not null)
            ? sessions.Aggregate(TimeSpan.Zero, (total, s) => total + value(s.Stated)!.Value) // all non-null, checked above
            : null;

    private static double? Sum(IReadOnlyList<RecordedSession> sessions, Func<DeviceTotals, double?> value) =>
        sessions.Count > 0 && sessions.All(s => value(s.Stated) is not null) ? sessions.Sum(s => value(s.Stated)!.Value) : null;
}
