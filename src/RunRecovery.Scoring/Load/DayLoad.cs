namespace RunRecovery.Scoring.Load;

/// <summary>One local calendar day of the runner's load series (docs/recovery-model.md §4).</summary>
/// <param name="Load">Sum of the day's cardio loads (TRIMP units).</param>
/// <param name="Acute">7-day EWMA of daily load.</param>
/// <param name="Chronic">42-day EWMA of daily load.</param>
/// <param name="Ratio">Acute / chronic; null while the chronic load is below <see cref="LoadSeries.MinChronicForRatio"/>.</param>
/// <param name="Form">Chronic − acute.</param>
/// <param name="Monotony">Foster monotony over the 7 days ending here: mean / SD.</param>
/// <param name="Strain">Foster strain: 7-day load × monotony.</param>
public readonly record struct DayLoad(
    DateOnly Date, double Load, double Acute, double Chronic, double? Ratio, double Form, double Monotony, double Strain);
