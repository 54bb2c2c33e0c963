namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// Fills a <see cref="RecordedSeries"/> sample by sample, in one pass (the file mapping, stored load inputs): a
/// column gets its arrays when its first value arrives, and loses its presence array when every sample has a value.
/// </summary>
public sealed class RecordedSeriesBuilder(int capacity)
{
    private readonly DateTimeOffset[] _times = capacity == 0 ? [] : GC.AllocateUninitializedArray<DateTimeOffset>(capacity);
    private readonly Column<double> _latitude = new(capacity);
    private readonly Column<double> _longitude = new(capacity);
    private readonly Column<double> _altitude = new(capacity);
    private readonly Column<double> _distance = new(capacity);
    private readonly Column<int> _heartRate = new(capacity);
    private readonly Column<double> _cadence = new(capacity);
    private readonly Column<double> _temperature = new(capacity);
    private readonly Column<double> _speed = new(capacity);
    private bool[]? _timed;
    private int _count;

    /// <summary>Adds the next sample; an absent value is null; <paramref name="timeMissing"/> when the sample has no usable time.</summary>
    public void Add(
        DateTimeOffset time,
        bool timeMissing,
        double? latitudeDegrees,
        double? longitudeDegrees,
        double? altitudeMeters,
        double? distanceMeters,
        int? heartRateBpm,
        double? cadenceRpm,
        double? temperatureCelsius,
        double? speedMetersPerSecond)
    {
        int i = _count;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, capacity);
        _times[i] = time;
        if (timeMissing)
        {
            _timed ??= Timed(i);
            _timed[i] = false;
        }
        else if (_timed is not null)
        {
            _timed[i] = true;
        }

        _latitude.Set(i, latitudeDegrees);
        _longitude.Set(i, longitudeDegrees);
        _altitude.Set(i, altitudeMeters);
        _distance.Set(i, distanceMeters);
        _heartRate.Set(i, heartRateBpm);
        _cadence.Set(i, cadenceRpm);
        _temperature.Set(i, temperatureCelsius);
        _speed.Set(i, speedMetersPerSecond);
        _count = i + 1;
    }

    public RecordedSeries Build() => new(
        _count,
        new SampleColumn<DateTimeOffset>(_times, _timed),
        _latitude.Build(_count),
        _longitude.Build(_count),
        _altitude.Build(_count),
        _distance.Build(_count),
        _heartRate.Build(_count),
        _cadence.Build(_count),
        _temperature.Build(_count),
        _speed.Build(_count));

    /// <summary>A presence array for the times: the samples before <paramref name="count"/> were all timed.</summary>
    private bool[] Timed(int count)
    {
        bool[] timed = new bool[capacity];
        timed.AsSpan(0, count).Fill(true);
        return timed;
    }

    private sealed class Column<T>(int capacity)
        where T : struct
    {
        private T[]? _values;
        private bool[]? _present;
        private int _presentCount;

        public void Set(int index, T? value)
        {
            if (value is { } v)
            {
                _values ??= new T[capacity];
                _present ??= new bool[capacity];
                _values[index] = v;
                _present[index] = true;
                _presentCount++;
            }
        }

        public SampleColumn<T> Build(int count) =>
            _presentCount == 0 ? default : new SampleColumn<T>(_values, _presentCount == count ? null : _present);
    }
}
