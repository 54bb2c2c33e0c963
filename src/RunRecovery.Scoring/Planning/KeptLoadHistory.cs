using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// The part of a runner's <see cref="LoadHistory"/> that appending later activities and planning as of a later instant
/// read (docs/reliability.md, "Incremental rescoring"), kept between recomputes by <see cref="VersionedLoadHistory"/>:
/// one <see cref="LoadTrace"/> per activity of the last <see cref="ActivityLoadCalculator.Lookback"/> (older ones are
/// never read again once the history is that long, and the seed is fixed by then), the full result only of the
/// activities after <see cref="RecoveryPlanner.ActivityLookback"/> before the planning instant, the daily series and
/// its seed. No inputs and no samples. <see cref="Append"/> scores only the added activities and gives the same
/// loads, days and plan as <see cref="LoadHistory.Build"/> from scratch (<c>VersionedLoadHistoryTests</c>).
/// </summary>
public sealed class KeptLoadHistory
{
    private readonly LoadTrace[] _traces;
    private readonly ActivityLoad[] _recent;
    private readonly DayLoad[] _days;

    private KeptLoadHistory(
        RunnerProfile profile, TimeZoneInfo zone, LoadTrace[] traces, ActivityLoad[] recent, DayLoad[] days, double seed, bool trimmed, int count, string? lastId, DateTimeOffset asOf)
    {
        Profile = profile;
        Zone = zone;
        _traces = traces;
        _recent = recent;
        _days = days;
        SeedDailyLoad = seed;
        Trimmed = trimmed;
        Count = count;
        LastId = lastId;
        AsOfUtc = asOf;
    }

    public RunnerProfile Profile { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Activities in the history (kept or not).</summary>
    public int Count { get; }

    /// <summary>Traces kept: the activities of the last <see cref="ActivityLoadCalculator.Lookback"/>.</summary>
    public int TraceCount => _traces.Length;

    /// <summary>Full results kept: the activities the planner reads as of <see cref="AsOfUtc"/> or later.</summary>
    public IReadOnlyList<ActivityLoad> Recent => _recent;

    public IReadOnlyList<DayLoad> Days => _days;

    public double SeedDailyLoad { get; }

    /// <summary>The instant the kept activities were chosen for: planning earlier than this needs a rebuild.</summary>
    public DateTimeOffset AsOfUtc { get; }

    /// <summary>True once traces older than the lookback were dropped (the seed is fixed by then).</summary>
    private bool Trimmed { get; }

    private string? LastId { get; }

    /// <summary>
    /// Bytes held, for a cache's size limit: the arrays at their element sizes, about 800 bytes per full result
    /// (the object, its id and file name) and a fixed part. <c>VersionedLoadHistoryTests</c> checks it against the
    /// measured size within a factor.
    /// </summary>
    public long EstimatedBytes =>
        256 + (_traces.Length * (long)Unsafe.SizeOf<LoadTrace>()) + (_days.Length * (long)Unsafe.SizeOf<DayLoad>()) + (_recent.Length * 800L)
        + ((LastId?.Length ?? 0) * 2L);

    /// <summary>What appending to <paramref name="full"/> and planning as of <paramref name="asOfUtc"/> or later will read.</summary>
    public static KeptLoadHistory From(LoadHistory full, DateTimeOffset asOfUtc)
    {
        ArgumentNullException.ThrowIfNull(full);
        if (full.IsPlanningView)
        {
            throw new ArgumentException("A planning view holds only recent activities.", nameof(full));
        }

        ReadOnlySpan<LoadTrace> traces = full.TraceSpan;
        int from = TraceStart(traces);
        return new KeptLoadHistory(
            full.Profile, full.Zone, traces[from..].ToArray(), RecentOf(full.ActivitySpan, asOfUtc), [.. full.Days], full.SeedDailyLoad, from > 0,
            traces.Length, full.Inputs.Count > 0 ? full.Inputs[^1].Id : null, asOfUtc);
    }

    /// <summary>
    /// Scores <paramref name="added"/> (ordered by start, then id) after the kept activities; null when that is not the
    /// same as from scratch: an added activity not after the last kept one, or a planning instant before
    /// <see cref="AsOfUtc"/> or before the last activity (rebuild then). <paramref name="planning"/> is the history to plan
    /// with as of <paramref name="asOfUtc"/> (a <see cref="LoadHistory.IsPlanningView"/>), <paramref name="scored"/> the
    /// added activities' results.
    /// </summary>
    public KeptLoadHistory? Append(
        IReadOnlyList<ActivityLoadInput> added, DateTimeOffset asOfUtc, out LoadHistory? planning, out IReadOnlyList<ActivityLoad> scored)
    {
        ArgumentNullException.ThrowIfNull(added);
        planning = null;
        scored = [];
        DateTimeOffset? last = added.Count > 0 ? added[^1].StartUtc : _traces.Length > 0 ? _traces[^1].StartUtc : null;
        if (asOfUtc < AsOfUtc || last > asOfUtc)
        {
            return null;
        }

        for (int i = 0; i < added.Count; i++)
        {
            bool ordered = i == 0
                ? _traces.Length == 0 || LoadHistory.Compare(_traces[^1].StartUtc, LastId!, added[0]) < 0
                : LoadHistory.Compare(added[i - 1], added[i]) < 0;
            if (!ordered)
            {
                return null;
            }
        }

        var traces = new LoadTrace[_traces.Length + added.Count];
        _traces.CopyTo(traces, 0);
        var loads = new ActivityLoad[added.Count];
        for (int i = 0; i < added.Count; i++)
        {
            loads[i] = ActivityLoadCalculator.Compute(added[i], Profile, Zone, traces.AsSpan(0, _traces.Length + i));
            traces[_traces.Length + i] = LoadTrace.Of(loads[i]);
        }

        // Untrimmed, every activity is here and the seed is computed as from scratch; trimmed, it was fixed long ago.
        double seed = Trimmed ? SeedDailyLoad : LoadSeries.Seed(traces, Profile.WeeklyDistanceKm);
        DayLoad[] days = loads.Length == 0
            ? _days
            : LoadHistory.Series(traces, _days.Length > 0 ? _days[0].Date : loads[0].LocalDate, _traces.Length, _traces, _days, SeedDailyLoad, seed);
        ActivityLoad[] recent = RecentOf([.. _recent, .. loads], asOfUtc);
        int from = TraceStart(traces);
        scored = loads;
        planning = LoadHistory.PlanningView(Profile, Zone, recent, days, seed);
        return new KeptLoadHistory(
            Profile, Zone, from > 0 ? traces[from..] : traces, recent, days, seed, Trimmed || from > 0, Count + loads.Length,
            loads.Length > 0 ? loads[^1].Id : LastId, asOfUtc);
    }

    /// <summary>The first trace a later activity can read: none older than the lookback before the last one.</summary>
    private static int TraceStart(ReadOnlySpan<LoadTrace> traces)
    {
        if (traces.Length == 0)
        {
            return 0;
        }

        DateTimeOffset from = traces[^1].StartUtc - ActivityLoadCalculator.Lookback;
        int start = 0;
        while (traces[start].StartUtc < from)
        {
            start++;
        }

        return start;
    }

    private static ActivityLoad[] RecentOf(ReadOnlySpan<ActivityLoad> activities, DateTimeOffset asOfUtc)
    {
        DateTimeOffset from = asOfUtc - RecoveryPlanner.ActivityLookback;
        int start = activities.Length;
        while (start > 0 && activities[start - 1].StartUtc >= from)
        {
            start--;
        }

        return activities[start..].ToArray();
    }
}
