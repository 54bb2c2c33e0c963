using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// A runner's scored activities and daily load series, immutable. <see cref="Build"/> scores from scratch;
/// <see cref="With"/> adds or replaces one activity and recomputes only from that activity's date forward
/// (docs/recovery-model.md §10). Results depend on inputs only, so both paths give identical values.
/// </summary>
public sealed class LoadHistory : ScoredLoadSeries
{
    private readonly ActivityLoadInput[] _inputs;
    private readonly ActivityLoad[] _activities;
    private readonly LoadTrace[] _traces;

    private LoadHistory(RunnerProfile profile, TimeZoneInfo zone, ActivityLoadInput[] inputs, ActivityLoad[] activities, LoadTrace[] traces, DayLoad[] days, double seed)
        : base(profile, zone, days, seed)
    {
        _inputs = inputs;
        _activities = activities;
        _traces = traces;
    }

    /// <summary>Inputs ordered by start, then id.</summary>
    public IReadOnlyList<ActivityLoadInput> Inputs => _inputs;

    /// <summary>Scored activities in the same order as <see cref="Inputs"/>.</summary>
    public IReadOnlyList<ActivityLoad> Activities => _activities;

    internal ReadOnlySpan<ActivityLoad> ActivitySpan => _activities;

    /// <summary>What later activities read of each one (<see cref="LoadTrace"/>), in the same order.</summary>
    internal ReadOnlySpan<LoadTrace> TraceSpan => _traces;

    /// <summary>
    /// True for a history that holds only the activities the planner reads as of some instant
    /// (<see cref="KeptLoadHistory"/>): plan with it, never extend or cut it.
    /// </summary>
    public bool IsPlanningView { get; private init; }

    public static LoadHistory Empty(RunnerProfile profile) =>
        new(profile, LocalTime.Zone(profile), [], [], [], [], LoadSeries.SeedDailyLoad(profile.WeeklyDistanceKm));

    /// <summary>A history for planning as of an instant at or after its last activity (<see cref="IsPlanningView"/>):
    /// the series in full, only the recent activities the planner reads.</summary>
    internal static LoadHistory PlanningView(RunnerProfile profile, TimeZoneInfo zone, ActivityLoad[] recent, DayLoad[] days, double seed) =>
        new(profile, zone, [], recent, [], days, seed) { IsPlanningView = true };

    public static LoadHistory Build(RunnerProfile profile, IEnumerable<ActivityLoadInput> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var unique = new Dictionary<string, ActivityLoadInput>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            unique[activity.Id] = activity;
        }

        ActivityLoadInput[] inputs = [.. unique.Values];
        Array.Sort(inputs, Compare);
        var empty = Empty(profile);
        return empty.Recompute(inputs, 0, [], []);
    }

    /// <summary>Adds an activity (or replaces the one with the same id) and recomputes from its date forward.</summary>
    public LoadHistory With(ActivityLoadInput activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        RefuseIfPlanningView();
        int existing = Array.FindIndex(_inputs, a => a.Id == activity.Id);
        var list = new List<ActivityLoadInput>(_inputs.Length + 1);
        list.AddRange(_inputs);
        int firstChanged = int.MaxValue;
        if (existing >= 0)
        {
            list.RemoveAt(existing);
            firstChanged = existing;
        }

        int index = list.BinarySearch(activity, Comparer<ActivityLoadInput>.Create(Compare));
        index = index < 0 ? ~index : index;
        list.Insert(index, activity);
        firstChanged = Math.Min(firstChanged, index);
        return Recompute([.. list], firstChanged, _activities, _traces);
    }

    /// <summary>The history as it was before <paramref name="asOfUtc"/>: activities starting later are left out.</summary>
    public LoadHistory Until(DateTimeOffset asOfUtc)
    {
        if (IsPlanningView)
        {
            // Built for an instant at or after its last activity: nothing to leave out.
            return _activities.Length == 0 || _activities[^1].StartUtc <= asOfUtc
                ? this
                : throw new InvalidOperationException("A planning view holds no activities to cut: plan from the full history.");
        }

        int count = 0;
        while (count < _inputs.Length && _inputs[count].StartUtc <= asOfUtc)
        {
            count++;
        }

        return count == _inputs.Length ? this : Empty(Profile).Recompute(_inputs[..count], count, _activities, _traces);
    }

    /// <summary>
    /// The same history with every input's samples dropped: for a history that is only ever extended with later
    /// activities (<see cref="VersionedLoadHistory"/>), whose <see cref="With"/> scores only the added ones, so the kept
    /// inputs' samples are never read again. Rescoring a kept activity from such a history would be wrong: rebuild instead.
    /// </summary>
    public LoadHistory WithoutSamples()
    {
        RefuseIfPlanningView();
        return new(Profile, Zone, [.. _inputs.Select(input => input.Samples.Count == 0 ? input : input with { Samples = [] })], _activities, _traces, DayArray, SeedDailyLoad);
    }

    /// <summary>The order of <see cref="Inputs"/>: by start, then id.</summary>
    internal static int Compare(ActivityLoadInput a, ActivityLoadInput b) => Compare(a.StartUtc, a.Id, b);

    internal static int Compare(DateTimeOffset start, string id, ActivityLoadInput b)
    {
        int byStart = start.CompareTo(b.StartUtc);
        return byStart != 0 ? byStart : string.CompareOrdinal(id, b.Id);
    }

    private void RefuseIfPlanningView()
    {
        if (IsPlanningView)
        {
            throw new InvalidOperationException("A planning view holds only recent activities: extend the full history or the kept one (KeptLoadHistory).");
        }
    }

    private LoadHistory Recompute(ActivityLoadInput[] inputs, int firstChanged, ActivityLoad[] previous, LoadTrace[] previousTraces)
    {
        var activities = new ActivityLoad[inputs.Length];
        var traces = new LoadTrace[inputs.Length];
        int keep = Math.Min(firstChanged, Math.Min(previous.Length, inputs.Length));
        Array.Copy(previous, activities, keep);
        Array.Copy(previousTraces, traces, keep);
        for (int i = keep; i < inputs.Length; i++)
        {
            activities[i] = ActivityLoadCalculator.Compute(inputs[i], Profile, Zone, traces.AsSpan(0, i));
            traces[i] = LoadTrace.Of(activities[i]);
        }

        double seed = LoadSeries.Seed(traces, Profile.WeeklyDistanceKm);
        if (activities.Length == 0)
        {
            return new LoadHistory(Profile, Zone, inputs, activities, traces, [], seed);
        }

        // Activities are ordered by start, so local dates are ordered too.
        DayLoad[] days = Series(traces, activities[0].LocalDate, keep, previousTraces, DayArray, SeedDailyLoad, seed);
        return new LoadHistory(Profile, Zone, inputs, activities, traces, days, seed);
    }

    /// <summary>
    /// The daily series after the activities from <paramref name="keep"/> on changed (the rest as
    /// <paramref name="previous"/> had them): days before the earliest change keep their values when the series starts
    /// on the same date and the seed is the same, later days are summed again from the traces and filled. The traces
    /// may leave out activities before the first changed date (<see cref="KeptLoadHistory"/>) as long as the seed did not change.
    /// </summary>
    internal static DayLoad[] Series(
        ReadOnlySpan<LoadTrace> traces, DateOnly first, int keep, ReadOnlySpan<LoadTrace> previous, ReadOnlySpan<DayLoad> previousDays, double previousSeed, double seed)
    {
        DateOnly last = traces[^1].LocalDate;
        var days = new DayLoad[last.DayNumber - first.DayNumber + 1];

        // Days before the earliest changed activity keep their values when the series starts on the same date.
        int fillFrom = 0;
        // A changed seed (the first 28 days changed, or the history just reached 28 days) changes every day.
        if (keep > 0 && previousDays.Length > 0 && previousDays[0].Date == first && seed.Equals(previousSeed))
        {
            DateOnly changedDate = keep < traces.Length ? traces[keep].LocalDate : last;
            if (keep < previous.Length && previous[keep].LocalDate < changedDate)
            {
                changedDate = previous[keep].LocalDate; // a replaced activity may have moved later
            }

            fillFrom = Math.Min(changedDate.DayNumber - first.DayNumber, previousDays.Length);
            previousDays[..fillFrom].CopyTo(days);
        }

        for (int d = fillFrom; d < days.Length; d++)
        {
            days[d] = new DayLoad(first.AddDays(d), 0, 0, 0, null, 0, 0, 0);
        }

        DateOnly fillDate = first.AddDays(fillFrom);
        for (int i = traces.Length - 1; i >= 0 && traces[i].LocalDate >= fillDate; i--)
        {
            ref DayLoad day = ref days[traces[i].LocalDate.DayNumber - first.DayNumber];
            day = day with { Load = day.Load + traces[i].CardioLoad };
        }

        LoadSeries.Fill(days, fillFrom, seed);
        return days;
    }
}
