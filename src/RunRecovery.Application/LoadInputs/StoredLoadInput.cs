using System.Text.Json.Serialization;

namespace RunRecovery.Application.LoadInputs;

/// <summary>
/// One load input as <c>activities.load_inputs</c> holds it: the totals every version stores the same way (names,
/// units and encodings are this contract's, not the model's: a renamed model property does not rename a stored one).
/// Durations are .NET's constant "c" format ("01:02:03.5000000"), times ISO 8601 with their offset, the sport its
/// name ("Running").
/// </summary>
public abstract record StoredLoadInput
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("fileName")]
    public string? FileName { get; init; }

    [JsonPropertyName("sport")]
    public required string Sport { get; init; }

    [JsonPropertyName("subSport")]
    public string? SubSport { get; init; }

    [JsonPropertyName("startUtc")]
    public required DateTimeOffset StartUtc { get; init; }

    [JsonPropertyName("movingTime")]
    public required TimeSpan MovingTime { get; init; }

    [JsonPropertyName("elapsedTime")]
    public TimeSpan? ElapsedTime { get; init; }

    [JsonPropertyName("distanceMeters")]
    public double DistanceMeters { get; init; }

    [JsonPropertyName("ascentMeters")]
    public double? AscentMeters { get; init; }

    [JsonPropertyName("descentMeters")]
    public double? DescentMeters { get; init; }

    [JsonPropertyName("avgHeartRateBpm")]
    public int? AvgHeartRateBpm { get; init; }

    [JsonPropertyName("maxHeartRateBpm")]
    public int? MaxHeartRateBpm { get; init; }

    [JsonPropertyName("avgCadenceStepsPerMinute")]
    public double? AvgCadenceStepsPerMinute { get; init; }

    [JsonPropertyName("avgTemperatureCelsius")]
    public double? AvgTemperatureCelsius { get; init; }
}

/// <summary>
/// Version 2 (current): the document <c>{"version": 2, "inputs": [...]}</c>; each input's samples as columns of the
/// values the load model reads (<see cref="StoredSeries"/>: time, heart rate, altitude, distance, and the speed and
/// cadence the sport classifier reads), thinned to one every 5 s.
/// </summary>
public sealed record LoadInputsDocument(
    [property: JsonPropertyName("version"), JsonRequired] int Version,
    [property: JsonPropertyName("inputs")] IReadOnlyList<StoredLoadInputV2> Inputs);

public sealed record StoredLoadInputV2 : StoredLoadInput
{
    /// <summary>Absent when the activity has no timed sample. Written last, after the totals.</summary>
    [JsonPropertyName("series")]
    [JsonPropertyOrder(1)]
    public StoredSeries? Series { get; init; }
}

/// <summary>
/// A sample series as columns: <see cref="Start"/> is the first sample's time; <see cref="SecondsSincePrevious"/>
/// holds, for each sample, the seconds since the one before (0 for the first), exact to the 100-ns tick; the other
/// columns are aligned with it, null where a sample has no value, and absent when no sample has one.
/// </summary>
public sealed record StoredSeries
{
    [JsonPropertyName("start")]
    public required DateTimeOffset Start { get; init; }

    [JsonPropertyName("dt")]
    public required IReadOnlyList<double> SecondsSincePrevious { get; init; }

    [JsonPropertyName("hr")]
    public IReadOnlyList<int?>? HeartRateBpm { get; init; }

    [JsonPropertyName("alt")]
    public IReadOnlyList<double?>? AltitudeMeters { get; init; }

    [JsonPropertyName("dist")]
    public IReadOnlyList<double?>? DistanceMeters { get; init; }

    /// <summary>The device's speed (m/s); the sport classifier reads it for files that state no sport.</summary>
    [JsonPropertyName("spd")]
    public IReadOnlyList<double?>? SpeedMetersPerSecond { get; init; }

    /// <summary>Cadence as recorded (strides or rpm); the sport classifier reads it for files that state no sport.</summary>
    [JsonPropertyName("cad")]
    public IReadOnlyList<double?>? CadenceRpm { get; init; }
}

/// <summary>
/// Version 1 (before issue 17): a bare JSON array of the model's own <c>ActivityLoadInput</c> records, each with a
/// list of the parser's sample records (thinned to 5 s; time, position, altitude, distance, heart rate). Read only:
/// rows are converted to version 2 by the migration <c>LoadInputsVersion2</c>, and a process of the previous release
/// may still write one during a rolling upgrade.
/// </summary>
public sealed record StoredLoadInputV1 : StoredLoadInput
{
    [JsonPropertyName("samples")]
    [JsonPropertyOrder(1)]
    public IReadOnlyList<StoredSampleV1> Samples { get; init; } = [];
}

public sealed record StoredSampleV1
{
    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    [JsonPropertyName("latitudeDegrees")]
    public double? LatitudeDegrees { get; init; }

    [JsonPropertyName("longitudeDegrees")]
    public double? LongitudeDegrees { get; init; }

    [JsonPropertyName("altitudeMeters")]
    public double? AltitudeMeters { get; init; }

    [JsonPropertyName("distanceMeters")]
    public double? DistanceMeters { get; init; }

    [JsonPropertyName("heartRateBpm")]
    public int? HeartRateBpm { get; init; }

    [JsonPropertyName("temperatureCelsius")]
    public double? TemperatureCelsius { get; init; }

    [JsonPropertyName("timeMissing")]
    public bool TimeMissing { get; init; }
}
