using System.Runtime.CompilerServices;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// The part of a runner's <see cref="LoadHistory"/> that appending later activities and planning as of a later instant
/// read (docs/reliability.md, "Incremental rescoring"), kept between recomputes by <see cref="VersionedLoadHistory"/>:
/// the <see cref="LoadTrace"/> of each activity a later one can still read (<see cref="Prune"/>: the
/// last one, those of its local date, and those that can still set a window maximum or a pace calibration value of the
/// calculator, a bounded number however long the history), the full result only of the activities after
/// <see cref="RecoveryPlanner.ActivityLookback"/> before the planning instant, the daily series and its seed, and the
/// running sum of the first 28 days that the seed is taken from. No inputs and no samples. <see cref="Append"/> scores
/// only the added activities and gives the same loads, days and plan as <see cref="LoadHistory.Build"/> from scratch
/// (<c>VersionedLoadHistoryTests</c>).
/// </summary>
public sealed partial class KeptLoadHistory : ScoredLoadSeries
{
    private readonly LoadTrace[] _traces;
    private readonly ActivityLoad[] _recent;
    private readonly DateOnly _firstDate;
    private readonly double _baselineSum;

    private KeptLoadHistory(
        RunnerProfile profile, TimeZoneInfo zone, LoadTrace[] traces, ActivityLoad[] recent, DayLoad[] days, double seed, int count, string? lastId, DateTimeOffset asOf, DateOnly firstDate, double baselineSum)
        : base(profile, zone, days, seed)
    {
        _traces = traces;
        _recent = recent;
        Count = count;
        LastId = lastId;
        AsOfUtc = asOf;
        _firstDate = firstDate;
        _baselineSum = baselineSum;
    }

    /// <summary>Activities in the history (kept or not).</summary>
    public int Count { get; }

    /// <summary>Traces kept: of the activities whose trace scoring a later activity can still read (<see cref="Prune"/>),
    /// none older than <see cref="ActivityLoadCalculator.Lookback"/> before the last one.</summary>
    public int TraceCount => _traces.Length;

    /// <summary>Full results kept: the activities the planner reads as of <see cref="AsOfUtc"/> or later.</summary>
    public IReadOnlyList<ActivityLoad> Recent => _recent;

    /// <summary>The instant the kept activities were chosen for: planning earlier than this needs a rebuild.</summary>
    public DateTimeOffset AsOfUtc { get; }

    private string? LastId { get; }

    /// <summary>
    /// Bytes held, for a cache's size limit: the arrays at their element sizes, about 800 bytes per full result
    /// (the object, its id and file name) and a fixed part. <c>KeptLoadHistorySizeTests</c> checks it against the
    /// measured size within a factor.
    /// </summary>
    public long EstimatedBytes =>
        256 + (_traces.Length * (long)Unsafe.SizeOf<LoadTrace>()) + (DayArray.Length * (long)Unsafe.SizeOf<DayLoad>()) + (_recent.Length * 800L)
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
        DateOnly firstDate = traces.Length > 0 ? traces[0].LocalDate : default;
        return new KeptLoadHistory(
            full.Profile, full.Zone, Prune(traces), RecentOf(full.ActivitySpan, asOfUtc), [.. full.Days], full.SeedDailyLoad, traces.Length,
            full.Inputs.Count > 0 ? full.Inputs[^1].Id : null, asOfUtc, firstDate, BaselineSum(traces, firstDate, 0));
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

        if (added.Count == 0)
        {
            ActivityLoad[] same = RecentOf(_recent, asOfUtc);
            planning = LoadHistory.PlanningView(Profile, Zone, same, DayArray, SeedDailyLoad);
            return new KeptLoadHistory(Profile, Zone, _traces, same, DayArray, SeedDailyLoad, Count, LastId, asOfUtc, _firstDate, _baselineSum);
        }

        // The kept traces give every later activity the same score as all earlier ones would (Prune).
        var traces = new LoadTrace[_traces.Length + added.Count];
        _traces.CopyTo(traces, 0);
        var loads = new ActivityLoad[added.Count];
        for (int i = 0; i < added.Count; i++)
        {
            loads[i] = ActivityLoadCalculator.Compute(added[i], Profile, Zone, traces.AsSpan(0, _traces.Length + i));
            traces[_traces.Length + i] = LoadTrace.Of(loads[i]);
        }

        // The seed, as LoadSeries.Seed computes it over every activity: the first 28 days' loads summed in order.
        DateOnly firstDate = Count > 0 ? _firstDate : loads[0].LocalDate;
        double baselineSum = BaselineSum(traces.AsSpan(_traces.Length), firstDate, Count > 0 ? _baselineSum : 0);
        double seed = loads[^1].LocalDate.DayNumber - firstDate.DayNumber + 1 >= LoadSeries.BaselineDays
            ? baselineSum / LoadSeries.BaselineDays
            : LoadSeries.SeedDailyLoad(Profile.WeeklyDistanceKm);
        DayLoad[] days = Series(traces, _traces.Length, DayArray, SeedDailyLoad, seed);
        ActivityLoad[] recent = RecentOf([.. _recent, .. loads], asOfUtc);
        scored = loads;
        planning = LoadHistory.PlanningView(Profile, Zone, recent, days, seed);
        return new KeptLoadHistory(
            Profile, Zone, Prune(traces), recent, days, seed, Count + loads.Length, loads[^1].Id, asOfUtc, firstDate, baselineSum);
    }

    /// <summary>
    /// The daily series after appending the traces from <paramref name="keep"/> on (all later than the earlier ones): as
    /// <see cref="LoadHistory.Series"/> gives it, without the earlier traces: a day before the first added activity's
    /// date keeps its load (the sum of its activities' loads, which no added activity changes), later days are summed
    /// again from the traces (the last kept date's traces are all kept), and the series is filled from the first
    /// added date, or from its start when the seed changed.
    /// </summary>
    private static DayLoad[] Series(ReadOnlySpan<LoadTrace> traces, int keep, ReadOnlySpan<DayLoad> previousDays, double previousSeed, double seed)
    {
        DateOnly changed = traces[keep].LocalDate;
        DateOnly first = previousDays.Length > 0 ? previousDays[0].Date : changed;
        DateOnly last = traces[^1].LocalDate;
        var days = new DayLoad[last.DayNumber - first.DayNumber + 1];
        int changedFrom = Math.Min(changed.DayNumber - first.DayNumber, previousDays.Length);
        bool sameSeed = previousDays.Length > 0 && seed.Equals(previousSeed);
        if (sameSeed)
        {
            previousDays[..changedFrom].CopyTo(days);
        }
        else
        {
            for (int d = 0; d < changedFrom; d++)
            {
                days[d] = new DayLoad(previousDays[d].Date, previousDays[d].Load, 0, 0, null, 0, 0, 0);
            }
        }

        for (int d = changedFrom; d < days.Length; d++)
        {
            days[d] = new DayLoad(first.AddDays(d), 0, 0, 0, null, 0, 0, 0);
        }

        DateOnly fillDate = first.AddDays(changedFrom);
        for (int i = traces.Length - 1; i >= 0 && traces[i].LocalDate >= fillDate; i--)
        {
            ref DayLoad day = ref days[traces[i].LocalDate.DayNumber - first.DayNumber];
            day = day with { Load = day.Load + traces[i].CardioLoad };
        }

        LoadSeries.Fill(days, sameSeed ? changedFrom : 0, seed);
        return days;
    }

    /// <summary><paramref name="sum"/> plus the cardio loads of <paramref name="traces"/> dated within
    /// <see cref="LoadSeries.BaselineDays"/> of <paramref name="firstDate"/>, in order (as <see cref="LoadSeries.Seed"/> sums them).</summary>
    private static double BaselineSum(ReadOnlySpan<LoadTrace> traces, DateOnly firstDate, double sum)
    {
        DateOnly end = firstDate.AddDays(LoadSeries.BaselineDays);
        for (int i = 0; i < traces.Length && traces[i].LocalDate < end; i++)
        {
            sum += traces[i].CardioLoad;
        }

        return sum;
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
