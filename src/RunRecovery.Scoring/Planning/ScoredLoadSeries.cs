using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// What a runner's load history holds however much of it is kept (<see cref="LoadHistory"/>, every activity;
/// <see cref="KeptLoadHistory"/>, what appending and planning read between recomputes): the profile and time zone it
/// was scored with, and the daily load series with its seed.
/// </summary>
public abstract class ScoredLoadSeries
{
    private protected ScoredLoadSeries(RunnerProfile profile, TimeZoneInfo zone, DayLoad[] days, double seed)
    {
        Profile = profile;
        Zone = zone;
        DayArray = days;
        SeedDailyLoad = seed;
    }

    public RunnerProfile Profile { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>One entry per local date from the first to the last activity.</summary>
    public IReadOnlyList<DayLoad> Days => DayArray;

    /// <summary>Acute and chronic value before the first day: from the first 28 days of history when it reaches that
    /// far, else from the profile's weekly distance, else 0 (<see cref="LoadSeries.Seed"/>).</summary>
    public double SeedDailyLoad { get; }

    internal ReadOnlySpan<DayLoad> DaySpan => DayArray;

    private protected DayLoad[] DayArray { get; }
}
