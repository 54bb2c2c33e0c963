namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// One moment of a recording, with what metrics and load read from it; a value the recording does not have is
/// <c>null</c>, never zero. Cadence is as recorded: for running files that is strides (one foot) per minute;
/// metrics convert to steps per minute. Speed is the device's own (the sport classifier reads it; metrics derive
/// speed from positions and distances instead).
/// </summary>
/// <remarks>
/// Stored compactly (issue 18): each optional value is its plain number plus one presence bit instead of a
/// <see cref="Nullable{T}"/>, so a sample is 80 bytes instead of 144. Callers see the same nullable values, equality
/// and <c>with</c>; an absent value is stored as 0.
/// </remarks>
public readonly record struct RecordedSample
{
    private readonly double _latitude;
    private readonly double _longitude;
    private readonly double _altitude;
    private readonly double _distance;
    private readonly double _cadence;
    private readonly double _temperature;
    private readonly double _speed;
    private readonly int _heartRate;
    private readonly SampleFields _present;

    public RecordedSample(
        DateTimeOffset Time,
        double? LatitudeDegrees = null,
        double? LongitudeDegrees = null,
        double? AltitudeMeters = null,
        double? DistanceMeters = null,
        int? HeartRateBpm = null,
        double? CadenceRpm = null,
        double? TemperatureCelsius = null,
        double? SpeedMetersPerSecond = null)
    {
        this.Time = Time;
        SampleFields present = 0;
        _latitude = Store(LatitudeDegrees, SampleFields.Latitude, ref present);
        _longitude = Store(LongitudeDegrees, SampleFields.Longitude, ref present);
        _altitude = Store(AltitudeMeters, SampleFields.Altitude, ref present);
        _distance = Store(DistanceMeters, SampleFields.Distance, ref present);
        _heartRate = HeartRateBpm.GetValueOrDefault();
        present |= HeartRateBpm is null ? 0 : SampleFields.HeartRate;
        _cadence = Store(CadenceRpm, SampleFields.Cadence, ref present);
        _temperature = Store(TemperatureCelsius, SampleFields.Temperature, ref present);
        _speed = Store(SpeedMetersPerSecond, SampleFields.Speed, ref present);
        _present = present;
    }

    public DateTimeOffset Time { get; init; }

    public double? LatitudeDegrees
    {
        get => Has(SampleFields.Latitude) ? _latitude : null;
        init => _latitude = Store(value, SampleFields.Latitude, ref _present);
    }

    public double? LongitudeDegrees
    {
        get => Has(SampleFields.Longitude) ? _longitude : null;
        init => _longitude = Store(value, SampleFields.Longitude, ref _present);
    }

    public double? AltitudeMeters
    {
        get => Has(SampleFields.Altitude) ? _altitude : null;
        init => _altitude = Store(value, SampleFields.Altitude, ref _present);
    }

    public double? DistanceMeters
    {
        get => Has(SampleFields.Distance) ? _distance : null;
        init => _distance = Store(value, SampleFields.Distance, ref _present);
    }

    public int? HeartRateBpm
    {
        get => Has(SampleFields.HeartRate) ? _heartRate : null;
        init
        {
            _heartRate = value.GetValueOrDefault();
            _present = value is null ? _present & ~SampleFields.HeartRate : _present | SampleFields.HeartRate;
        }
    }

    public double? CadenceRpm
    {
        get => Has(SampleFields.Cadence) ? _cadence : null;
        init => _cadence = Store(value, SampleFields.Cadence, ref _present);
    }

    public double? TemperatureCelsius
    {
        get => Has(SampleFields.Temperature) ? _temperature : null;
        init => _temperature = Store(value, SampleFields.Temperature, ref _present);
    }

    public double? SpeedMetersPerSecond
    {
        get => Has(SampleFields.Speed) ? _speed : null;
        init => _speed = Store(value, SampleFields.Speed, ref _present);
    }

    public bool HasPosition => (_present & SampleFields.Position) == SampleFields.Position;

    /// <summary>True when the recording gave this point no usable time; <see cref="Time"/> is then <c>default</c>.</summary>
    public bool TimeMissing
    {
        get => Has(SampleFields.TimeMissing);
        init => _present = value ? _present | SampleFields.TimeMissing : _present & ~SampleFields.TimeMissing;
    }

    /// <summary>Latitude and longitude without the nullable wrapper; only meaningful when <see cref="HasPosition"/>.</summary>
    internal double Latitude => _latitude;

    internal double Longitude => _longitude;

    private bool Has(SampleFields field) => (_present & field) != 0;

    private static double Store(double? value, SampleFields field, ref SampleFields present)
    {
        present = value is null ? present & ~field : present | field;
        return value.GetValueOrDefault();
    }

    [Flags]
    private enum SampleFields : ushort
    {
        Latitude = 1,
        Longitude = 2,
        Position = Latitude | Longitude,
        Altitude = 4,
        Distance = 8,
        HeartRate = 16,
        Cadence = 32,
        Temperature = 64,
        Speed = 128,
        TimeMissing = 256,
    }
}
