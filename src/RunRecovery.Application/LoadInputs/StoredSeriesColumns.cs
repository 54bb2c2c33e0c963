using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.LoadInputs;

/// <summary>Samples to and from <see cref="StoredSeries"/> columns, times exact to the tick.</summary>
internal static class StoredSeriesColumns
{
    public static StoredSeries? From(List<RecordedSample> samples)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        var seconds = new double[samples.Count];
        var heartRate = new int?[samples.Count];
        var altitude = new double?[samples.Count];
        var distance = new double?[samples.Count];
        var speed = new double?[samples.Count];
        var cadence = new double?[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            RecordedSample s = samples[i];
            seconds[i] = i == 0 ? 0 : (s.Time.UtcTicks - samples[i - 1].Time.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            heartRate[i] = s.HeartRateBpm;
            altitude[i] = s.AltitudeMeters;
            distance[i] = s.DistanceMeters;
            speed[i] = s.SpeedMetersPerSecond;
            cadence[i] = s.CadenceRpm;
        }

        return new StoredSeries
        {
            Start = samples[0].Time,
            SecondsSincePrevious = seconds,
            HeartRateBpm = Array.TrueForAll(heartRate, v => v is null) ? null : heartRate,
            AltitudeMeters = NullWhenEmpty(altitude),
            DistanceMeters = NullWhenEmpty(distance),
            SpeedMetersPerSecond = NullWhenEmpty(speed),
            CadenceRpm = NullWhenEmpty(cadence),
        };
    }

    /// <exception cref="StoredLoadInputsException">A column is longer or shorter than the times.</exception>
    public static RecordedSample[] ToSamples(StoredSeries series)
    {
        int count = series.SecondsSincePrevious.Count;
        if (Misaligned(series.HeartRateBpm, count) || Misaligned(series.AltitudeMeters, count) || Misaligned(series.DistanceMeters, count)
            || Misaligned(series.SpeedMetersPerSecond, count) || Misaligned(series.CadenceRpm, count))
        {
            throw new StoredLoadInputsException("a column of the stored series does not have one value per time");
        }

        var samples = new RecordedSample[count];
        DateTimeOffset time = series.Start;
        for (int i = 0; i < count; i++)
        {
            // Each step is rounded to whole ticks on its own, so no rounding error accumulates along the series.
            time = time.AddTicks((long)Math.Round(series.SecondsSincePrevious[i] * TimeSpan.TicksPerSecond));
            samples[i] = new RecordedSample(
                time,
                AltitudeMeters: series.AltitudeMeters?[i],
                DistanceMeters: series.DistanceMeters?[i],
                HeartRateBpm: series.HeartRateBpm?[i],
                CadenceRpm: series.CadenceRpm?[i],
                SpeedMetersPerSecond: series.SpeedMetersPerSecond?[i]);
        }

        return samples;
    }

    private static double?[]? NullWhenEmpty(double?[] column) => Array.TrueForAll(column, v => v is null) ? null : column;

    private static bool Misaligned<T>(IReadOnlyList<T>? column, int count) => column is not null && column.Count != count;
}
