using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// A runner's scored activities and daily load series, immutable. <see cref="Build"/> scores from scratch;
/// <see cref="With"/> adds or replaces one activity and recomputes only from that activity's date forward
/// (docs/recovery-model.md §10). Results depend on inputs only, so both paths give identical values.
/// </summary>
public sealed class LoadHistory
{
    private readonly ActivityLoadInput[] _inputs;
    private readonly ActivityLoad[] _activities;
    private readonly DayLoad[] _days;

    private LoadHistory(RunnerProfile profile, TimeZoneInfo zone, ActivityLoadInput[] inputs, ActivityLoad[] activities, DayLoad[] days, double seed)
    {
        Profile = profile;
        Zone = zone;
        _inputs = inputs;
        _activities = activities;
        _days = days;
        SeedDailyLoad = seed;
    }

    public RunnerProfile Profile { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Inputs ordered by start, then id.</summary>
    public IReadOnlyList<ActivityLoadInput> Inputs => _inputs;

    /// <summary>Scored activities in the same order as <see cref="Inputs"/>.</summary>
    public IReadOnlyList<ActivityLoad> Activities => _activities;

    internal ReadOnlySpan<ActivityLoad> ActivitySpan => _activities;

    /// <summary>One entry per local date from the first to the last activity.</summary>
    public IReadOnlyList<DayLoad> Days => _days;

    internal ReadOnlySpan<DayLoad> DaySpan => _days;

    /// <summary>Acute and chronic value before the first day: from the first 28 days of history when it reaches that
    /// far, else from the profile's weekly distance, else 0 (<see cref="LoadSeries.Seed"/>).</summary>
    public double SeedDailyLoad { get; }

    public static LoadHistory Empty(RunnerProfile profile) =>
        new(profile, LocalTime.Zone(profile), [], [], [], LoadSeries.SeedDailyLoad(profile.WeeklyDistanceKm));

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
        return empty.Recompute(inputs, 0, []);
    }

    /// <summary>Adds an activity (or replaces the one with the same id) and recomputes from its date forward.</summary>
    public LoadHistory With(ActivityLoadInput activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
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
        return Recompute([.. list], firstChanged, _activities);
    }

    /// <summary>The history as it was before <paramref name="asOfUtc"/>: activities starting later are left out.</summary>
    public LoadHistory Until(DateTimeOffset asOfUtc)
    {
        int count = 0;
        while (count < _inputs.Length && _inputs[count].StartUtc <= asOfUtc)
        {
            count++;
        }

        return count == _inputs.Length ? this : Empty(Profile).Recompute(_inputs[..count], count, _activities);
    }

    /// <summary>
    /// The same history with every input's samples dropped: for a history that is only ever extended with later
    /// activities (<see cref="VersionedLoadHistory"/>), whose <see cref="With"/> scores only the added ones, so the kept
    /// inputs' samples are never read again. Rescoring a kept activity from such a history would be wrong: rebuild instead.
    /// </summary>
    public LoadHistory WithoutSamples() =>
        new(Profile, Zone, [.. _inputs.Select(input => input.Samples.Count == 0 ? input : input with { Samples = [] })], _activities, _days, SeedDailyLoad);

    /// <summary>The order of <see cref="Inputs"/>: by start, then id.</summary>
    internal static int Compare(ActivityLoadInput a, ActivityLoadInput b)
    {
        int byStart = a.StartUtc.CompareTo(b.StartUtc);
        return byStart != 0 ? byStart : string.CompareOrdinal(a.Id, b.Id);
    }

    private LoadHistory Recompute(ActivityLoadInput[] inputs, int firstChanged, ActivityLoad[] previous)
    {
        var activities = new ActivityLoad[inputs.Length];
        int keep = Math.Min(firstChanged, Math.Min(previous.Length, inputs.Length));
        Array.Copy(previous, activities, keep);
        for (int i = keep; i < inputs.Length; i++)
        {
            activities[i] = ActivityLoadCalculator.Compute(inputs[i], Profile, Zone, activities.AsSpan(0, i));
        }

        double seed = LoadSeries.Seed(activities, Profile.WeeklyDistanceKm);
        if (activities.Length == 0)
        {
            return new LoadHistory(Profile, Zone, inputs, activities, [], seed);
        }

        // Activities are ordered by start, so local dates are ordered too.
        DateOnly first = activities[0].LocalDate;
        DateOnly last = activities[^1].LocalDate;
        var days = new DayLoad[last.DayNumber - first.DayNumber + 1];

        // Days before the earliest changed activity keep their values when the series starts on the same date.
        int fillFrom = 0;
        // A changed seed (the first 28 days changed, or the history just reached 28 days) changes every day.
        if (keep > 0 && _days.Length > 0 && _days[0].Date == first && seed.Equals(SeedDailyLoad))
        {
            DateOnly changedDate = keep < activities.Length ? activities[keep].LocalDate : last;
            if (keep < previous.Length && previous[keep].LocalDate < changedDate)
            {
                changedDate = previous[keep].LocalDate; // a replaced activity may have moved later
            }

            fillFrom = Math.Min(changedDate.DayNumber - first.DayNumber, _days.Length);
            Array.Copy(_days, days, fillFrom);
        }

        for (int d = fillFrom; d < days.Length; d++)
        {
            days[d] = new DayLoad(first.AddDays(d), 0, 0, 0, null, 0, 0, 0);
        }

        DateOnly fillDate = first.AddDays(fillFrom);
        for (int i = activities.Length - 1; i >= 0 && activities[i].LocalDate >= fillDate; i--)
        {
            ref DayLoad day = ref days[activities[i].LocalDate.DayNumber - first.DayNumber];
            day = day with { Load = day.Load + activities[i].CardioLoad };
        }

        LoadSeries.Fill(days, fillFrom, seed);
        return new LoadHistory(Profile, Zone, inputs, activities, days, seed);
    }
}
