namespace RunRecovery.Scoring.Load;

/// <summary>Muscular load per group in muscle-load units (1 unit ≈ one easy flat kilometre on the calves;
/// docs/recovery-model.md §3).</summary>
public readonly record struct MuscleLoad(double Calves, double Shins, double Quadriceps, double Hamstrings, double Glutes)
{
    public static readonly MuscleGroup[] Groups =
        [MuscleGroup.Calves, MuscleGroup.Shins, MuscleGroup.Quadriceps, MuscleGroup.Hamstrings, MuscleGroup.Glutes];

    public static MuscleLoad Zero => default;

    public double this[MuscleGroup group] => group switch
    {
        MuscleGroup.Calves => Calves,
        MuscleGroup.Shins => Shins,
        MuscleGroup.Quadriceps => Quadriceps,
        MuscleGroup.Hamstrings => Hamstrings,
        MuscleGroup.Glutes => Glutes,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    public double Max => Math.Max(Calves, Math.Max(Shins, Math.Max(Quadriceps, Math.Max(Hamstrings, Glutes))));

    public double Total => Calves + Shins + Quadriceps + Hamstrings + Glutes;

    public static MuscleLoad Of(Func<MuscleGroup, double> value) =>
        new(value(MuscleGroup.Calves), value(MuscleGroup.Shins), value(MuscleGroup.Quadriceps),
            value(MuscleGroup.Hamstrings), value(MuscleGroup.Glutes));

    public MuscleLoad Map(Func<MuscleGroup, double, double> f) =>
        new(f(MuscleGroup.Calves, Calves), f(MuscleGroup.Shins, Shins), f(MuscleGroup.Quadriceps, Quadriceps),
            f(MuscleGroup.Hamstrings, Hamstrings), f(MuscleGroup.Glutes, Glutes));

    /// <summary>Group-wise maximum.</summary>
    public static MuscleLoad Greatest(MuscleLoad a, MuscleLoad b) =>
        new(Math.Max(a.Calves, b.Calves), Math.Max(a.Shins, b.Shins), Math.Max(a.Quadriceps, b.Quadriceps),
            Math.Max(a.Hamstrings, b.Hamstrings), Math.Max(a.Glutes, b.Glutes));

    public static MuscleLoad operator +(MuscleLoad a, MuscleLoad b) =>
        new(a.Calves + b.Calves, a.Shins + b.Shins, a.Quadriceps + b.Quadriceps, a.Hamstrings + b.Hamstrings, a.Glutes + b.Glutes);

    public static MuscleLoad operator *(MuscleLoad a, double k) =>
        new(a.Calves * k, a.Shins * k, a.Quadriceps * k, a.Hamstrings * k, a.Glutes * k);

    public static MuscleLoad Add(MuscleLoad a, MuscleLoad b) => a + b;

    public static MuscleLoad Multiply(MuscleLoad a, double k) => a * k;
}
