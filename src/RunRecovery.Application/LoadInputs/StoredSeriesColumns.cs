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
        for (int i = 0; i < samples.Count; i++)
        {
            RecordedSample s = samples[i];
            seconds[i] = i == 0 ? 0 : (s.Time.UtcTicks - samples[i - 1].Time.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            heartRate[i] = s.HeartRateBpm;
            altitude[i] = s.AltitudeMeters;
            distance[i] = s.DistanceMeters;
        }

        return new StoredSeries
        {
            Start = samples[0].Time,
            SecondsSincePrevious = seconds,
            HeartRateBpm = Array.TrueForAll(heartRate, v => v is null) ? null : heartRate,
            AltitudeMeters = Array.TrueForAll(altitude, v => v is null) ? null : altitude,
            DistanceMeters = Array.TrueForAll(distance, v => v is null) ? null : distance,
        };
    }

    /// <exception cref="StoredLoadInputsException">A column is longer or shorter than the times.</exception>
    public static RecordedSample[] ToSamples(StoredSeries series)
    {
        int count = series.SecondsSincePrevious.Count;
        if (series.HeartRateBpm?.Count is { } h && h != count
            || series.AltitudeMeters?.Count is { } a && a != count
            || series.DistanceMeters?.Count is { } d && d != count)
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
                HeartRateBpm: series.HeartRateBpm?[i]);
        }

        return samples;
    }
}
