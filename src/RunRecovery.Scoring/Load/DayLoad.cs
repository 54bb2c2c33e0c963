namespace RunRecovery.Scoring.Load;

/// <summary>One local calendar day of the runner's load series (docs/recovery-model.md §4).</summary>
/// <param name="Load">Sum of the day's cardio loads (TRIMP units).</param>
/// <param name="Acute">7-day EWMA of daily load.</param>
/// <param name="Chronic">42-day EWMA of daily load.</param>
/// <param name="Ratio">Acute / chronic; null before <see cref="LoadSeries.BaselineDays"/> days of history and while the
/// chronic load is below <see cref="LoadSeries.MinChronicForRatio"/>.</param>
/// <param name="Form">Chronic − acute.</param>
/// <param name="Monotony">Foster monotony over the 7 days ending here: mean / SD.</param>
/// <param name="Strain">Foster strain: 7-day load × monotony.</param>
public readonly record struct DayLoad(
    DateOnly Date, double Load, double Acute, double Chronic, double? Ratio, double Form, double Monotony, double Strain)
{
    /// <summary>Days of history up to and including this one (1 on the day of the first activity).</summary>
    public int HistoryDays { get; init; }

    /// <summary>Sum of the daily loads of the 7 days ending here.</summary>
    public double WeekLoad { get; init; }

    /// <summary>Sum of the daily loads of the 28 days ending here.</summary>
    public double FourWeekLoad { get; init; }

    /// <summary>The plain week-against-four-weeks comparison: <see cref="WeekLoad"/> / (<see cref="FourWeekLoad"/> / 4);
    /// null before <see cref="LoadSeries.BaselineDays"/> days of history (docs/recovery-model.md §4.2).</summary>
    public double? WeekRatio =>
        HistoryDays >= LoadSeries.BaselineDays && FourWeekLoad > 0 ? WeekLoad / (FourWeekLoad / 4) : null;

    /// <summary>True while fewer than <see cref="LoadSeries.BaselineDays"/> days of history exist.</summary>
    public bool BuildingBaseline => HistoryDays < LoadSeries.BaselineDays;
}
