using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Load;

/// <summary>
/// What scoring a later activity reads of an earlier one (<see cref="ActivityLoadCalculator"/>: the cap, the pace
/// reference, repeated-bout protection and novelty) and what the series' seed reads (<see cref="LoadSeries.Seed"/>):
/// a compact value, about 130 bytes against about 700 for the <see cref="ActivityLoad"/> it is taken from, so a
/// history kept between recomputes (<see cref="Planning.KeptLoadHistory"/>) holds one instead of the whole result, and
/// only for the activities whose trace a later score can still read (<c>KeptLoadHistory.Prune</c>). Values are copied
/// exactly, so a load computed from traces equals one computed from the results.
/// </summary>
public readonly struct LoadTrace
{
    private readonly long _startTicks;
    private readonly long _movingTicks;
    private readonly double _reserveFraction; // NaN: unknown

    private LoadTrace(ActivityLoad load)
    {
        _startTicks = load.StartUtc.UtcTicks;
        _movingTicks = load.MovingTime.Ticks;
        _reserveFraction = load.ReserveFraction ?? double.NaN;
        LocalDate = load.LocalDate;
        Sport = load.Sport;
        CardioLoad = load.CardioLoad;
        GradeAdjustedSpeed = load.GradeAdjustedSpeed;
        HighestHeartRateSeen = load.HighestHeartRateSeen;
        EccentricLoad = load.EccentricLoad;
        RawMuscleLoad = load.RawMuscleLoad;
    }

    public DateTimeOffset StartUtc => new(_startTicks, TimeSpan.Zero);

    public TimeSpan MovingTime => new(_movingTicks);

    public DateOnly LocalDate { get; }

    public Sport Sport { get; }

    public double CardioLoad { get; }

    public double GradeAdjustedSpeed { get; }

    public double? ReserveFraction => double.IsNaN(_reserveFraction) ? null : _reserveFraction;

    public double HighestHeartRateSeen { get; }

    public MuscleLoad EccentricLoad { get; }

    public MuscleLoad RawMuscleLoad { get; }

    public bool LoadsRunningMuscles => Sport is Sport.Running or Sport.Walking or Sport.Hiking;

    public static LoadTrace Of(ActivityLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new LoadTrace(load);
    }
}
