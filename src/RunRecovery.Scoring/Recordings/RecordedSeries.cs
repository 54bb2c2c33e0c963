using System.Collections;
using System.Runtime.CompilerServices;

namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// The samples of a recording, stored by column (issue 17 point 5, issue 18 point 1): one array of times and one
/// <see cref="SampleColumn{T}"/> per value, each with its presence. Metrics and load read the columns; a channel no
/// sample has (a GPX track without heart rate) holds no array. Built in one pass by whoever maps a file
/// (<see cref="RecordedSeriesBuilder"/>), or from rows (<see cref="RecordedSample"/>, tables in tests and stored load
/// inputs); read as rows through the list interface, which makes each row on demand.
/// </summary>
[CollectionBuilder(typeof(RecordedSeries), nameof(Create))]
public sealed class RecordedSeries : IReadOnlyList<RecordedSample>
{
    internal RecordedSeries(
        int count,
        SampleColumn<DateTimeOffset> time,
        SampleColumn<double> latitudeDegrees,
        SampleColumn<double> longitudeDegrees,
        SampleColumn<double> altitudeMeters,
        SampleColumn<double> distanceMeters,
        SampleColumn<int> heartRateBpm,
        SampleColumn<double> cadenceRpm,
        SampleColumn<double> temperatureCelsius,
        SampleColumn<double> speedMetersPerSecond)
    {
        Count = count;
        Time = time;
        LatitudeDegrees = latitudeDegrees;
        LongitudeDegrees = longitudeDegrees;
        AltitudeMeters = altitudeMeters;
        DistanceMeters = distanceMeters;
        HeartRateBpm = heartRateBpm;
        CadenceRpm = cadenceRpm;
        TemperatureCelsius = temperatureCelsius;
        SpeedMetersPerSecond = speedMetersPerSecond;
    }

    public static RecordedSeries Empty { get; } = new RecordedSeriesBuilder(0).Build();

    public int Count { get; }

    /// <summary>Each sample's time; a sample without a usable time (<see cref="RecordedSample.TimeMissing"/>) has none.</summary>
    public SampleColumn<DateTimeOffset> Time { get; }

    public SampleColumn<double> LatitudeDegrees { get; }

    public SampleColumn<double> LongitudeDegrees { get; }

    public SampleColumn<double> AltitudeMeters { get; }

    public SampleColumn<double> DistanceMeters { get; }

    public SampleColumn<int> HeartRateBpm { get; }

    /// <summary>Cadence as recorded (strides per minute for running files).</summary>
    public SampleColumn<double> CadenceRpm { get; }

    public SampleColumn<double> TemperatureCelsius { get; }

    /// <summary>The device's own speed (the sport classifier reads it; metrics derive speed from positions and distances).</summary>
    public SampleColumn<double> SpeedMetersPerSecond { get; }

    /// <summary>Sample <paramref name="index"/> as a row, made on demand (tables and stored inputs; metrics read columns).</summary>
    public RecordedSample this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return new RecordedSample(
                Time[index], LatitudeDegrees.Get(index), LongitudeDegrees.Get(index), AltitudeMeters.Get(index), DistanceMeters.Get(index),
                HeartRateBpm.Get(index), CadenceRpm.Get(index), TemperatureCelsius.Get(index), SpeedMetersPerSecond.Get(index))
            {
                TimeMissing = !Time.Has(index),
            };
        }
    }

    public static implicit operator RecordedSeries(RecordedSample[] rows) => Create(rows);

    public static implicit operator RecordedSeries(List<RecordedSample> rows) => Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));

    /// <summary>True when sample <paramref name="index"/> has a usable time.</summary>
    public bool Timed(int index) => Time.Has(index);

    /// <summary>True when sample <paramref name="index"/> has both latitude and longitude.</summary>
    public bool HasPosition(int index) => LatitudeDegrees.Has(index) && LongitudeDegrees.Has(index);

    /// <summary>Sample <paramref name="index"/>'s time as seconds since 0001-01-01 UTC.</summary>
    public double Seconds(int index) => Time[index].UtcTicks / (double)TimeSpan.TicksPerSecond;

    /// <summary>Samples <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1, sharing these columns (no copy).</summary>
    public RecordedSeries Slice(int first, int count)
    {
        first = Math.Clamp(first, 0, Count);
        count = Math.Clamp(count, 0, Count - first);
        return first == 0 && count == Count
            ? this
            : new RecordedSeries(
                count, Time.From(first), LatitudeDegrees.From(first), LongitudeDegrees.From(first), AltitudeMeters.From(first),
                DistanceMeters.From(first), HeartRateBpm.From(first), CadenceRpm.From(first), TemperatureCelsius.From(first),
                SpeedMetersPerSecond.From(first));
    }

    /// <summary>The mean of the temperatures the samples have; null when none has one.</summary>
    public double? AverageTemperature()
    {
        SampleColumn<double> temperature = TemperatureCelsius;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < Count; i++)
        {
            if (temperature.Has(i))
            {
                sum += temperature[i];
                n++;
            }
        }

        return n == 0 ? null : sum / n;
    }

    /// <summary>The series of these rows (a collection expression of <see cref="RecordedSample"/>s builds one).</summary>
    public static RecordedSeries Create(ReadOnlySpan<RecordedSample> rows)
    {
        var builder = new RecordedSeriesBuilder(rows.Length);
        foreach (ref readonly RecordedSample row in rows)
        {
            builder.Add(
                row.Time, row.TimeMissing, row.LatitudeDegrees, row.LongitudeDegrees, row.AltitudeMeters, row.DistanceMeters, row.HeartRateBpm,
                row.CadenceRpm, row.TemperatureCelsius, row.SpeedMetersPerSecond);
        }

        return builder.Build();
    }

    public IEnumerator<RecordedSample> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
