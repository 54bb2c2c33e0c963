using System.Text.Json;
using System.Text.Json.Serialization;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.LoadInputs;

/// <summary>
/// The versioned JSON contract of <c>activities.load_inputs</c>: what the load model needs of each stored activity, so
/// a full recompute reads kilobytes per activity, not the file (docs/decisions/load-inputs-versioned-contract.md).
/// Writes version 2 (<see cref="LoadInputsDocument"/>); reads versions 1 and 2 and refuses any other, never guessing.
/// Samples are thinned to one every <see cref="SampleSpacing"/> and keep only what the load model reads (time,
/// altitude, distance, heart rate; speed and cadence for the sport classifier): TRIMP integrates heart rate over each
/// interval (capped at 30 s), so 5-second spacing changes it by well under one per cent.
/// </summary>
public static class LoadInputsJson
{
    public const int CurrentVersion = 2;

    public static readonly TimeSpan SampleSpacing = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string Serialize(IReadOnlyList<ActivityLoadInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return JsonSerializer.Serialize(new LoadInputsDocument(CurrentVersion, [.. inputs.Select(ToStored)]), Options);
    }

    /// <exception cref="StoredLoadInputsException">The JSON is not a version this code reads, or not of its shape.</exception>
    public static IReadOnlyList<ActivityLoadInput> Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            if (json.AsSpan().TrimStart().StartsWith("["))
            {
                return [.. (JsonSerializer.Deserialize<StoredLoadInputV1[]>(json, Options) ?? []).Select(FromStored)];
            }

            // Read straight into the current version's shape (one pass); its version is checked before anything is used.
            LoadInputsDocument? stored = JsonSerializer.Deserialize<LoadInputsDocument>(json, Options);
            if (stored?.Version != CurrentVersion)
            {
                throw new StoredLoadInputsException(stored?.Version);
            }

            return [.. stored.Inputs.Select(FromStored)];
        }
        catch (JsonException error)
        {
            throw new StoredLoadInputsException(VersionOf(json) is { } version and not CurrentVersion
                ? new StoredLoadInputsException(version).Message
                : $"activities.load_inputs does not have the shape of its version: {error.Message}", error);
        }
    }

    /// <summary>The document's "version" when it has a numeric one.</summary>
    private static int? VersionOf(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n)
                ? n
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StoredLoadInputV2 ToStored(ActivityLoadInput input) => new()
    {
        Id = input.Id,
        FileName = input.FileName,
        Sport = input.Sport.ToString(),
        SubSport = input.SubSport,
        StartUtc = input.StartUtc,
        MovingTime = input.MovingTime,
        ElapsedTime = input.ElapsedTime,
        DistanceMeters = input.DistanceMeters,
        AscentMeters = input.AscentMeters,
        DescentMeters = input.DescentMeters,
        AvgHeartRateBpm = input.AvgHeartRateBpm,
        MaxHeartRateBpm = input.MaxHeartRateBpm,
        AvgCadenceStepsPerMinute = input.AvgCadenceStepsPerMinute,
        AvgTemperatureCelsius = input.AvgTemperatureCelsius,
        Series = StoredSeriesColumns.From(Thin(input.Samples)),
    };

    private static ActivityLoadInput FromStored(StoredLoadInputV2 stored) =>
        Input(stored, stored.Series is { } series ? StoredSeriesColumns.ToSamples(series) : []);

    private static ActivityLoadInput FromStored(StoredLoadInputV1 stored) =>
        Input(stored, [.. stored.Samples.Select(s => new RecordedSample(
            s.Time, s.LatitudeDegrees, s.LongitudeDegrees, s.AltitudeMeters, s.DistanceMeters, s.HeartRateBpm, TemperatureCelsius: s.TemperatureCelsius)
        {
            TimeMissing = s.TimeMissing,
        })]);

    private static ActivityLoadInput Input(StoredLoadInput stored, RecordedSeries samples) => new()
    {
        Id = stored.Id,
        FileName = stored.FileName,
        Sport = Enum.TryParse(stored.Sport, ignoreCase: false, out Sport sport) && Enum.IsDefined(sport) ? sport : Sport.Unknown,
        SubSport = stored.SubSport,
        StartUtc = stored.StartUtc,
        MovingTime = stored.MovingTime,
        ElapsedTime = stored.ElapsedTime,
        DistanceMeters = stored.DistanceMeters,
        AscentMeters = stored.AscentMeters,
        DescentMeters = stored.DescentMeters,
        AvgHeartRateBpm = stored.AvgHeartRateBpm,
        MaxHeartRateBpm = stored.MaxHeartRateBpm,
        AvgCadenceStepsPerMinute = stored.AvgCadenceStepsPerMinute,
        AvgTemperatureCelsius = stored.AvgTemperatureCelsius,
        Samples = samples,
    };

    /// <summary>
    /// Most samples one input stores: 7 days (the longest plausible activity) at <see cref="MaxSampleSpacing"/>. Up to
    /// 33.6 hours the spacing is <see cref="SampleSpacing"/>; beyond, it grows so no input stores more than this (a
    /// 6-day file stores under 1 MB, not 20 MB), never past <see cref="MaxSampleSpacing"/>.
    /// </summary>
    public const int MaxStoredSamples = 24_192;

    /// <summary>
    /// The widest spacing, 25 s: TRIMP counts at most 30 s of each interval (<c>Trimp.MaxSampleGapSeconds</c>), and a kept
    /// interval is the spacing plus at most one recorded step (4 s for a 7-day file at 1 Hz after the FIT reader's
    /// thinning), so intervals still count in full.
    /// </summary>
    public static readonly TimeSpan MaxSampleSpacing = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Timed samples, one every <see cref="SampleSpacing"/> or more (more for inputs longer than
    /// <see cref="MaxStoredSamples"/> × 5 s), and always the last.
    /// </summary>
    private static List<RecordedSample> Thin(RecordedSeries samples)
    {
        var kept = new List<RecordedSample>(Math.Min(samples.Count, 4096));
        DateTimeOffset last = DateTimeOffset.MinValue;
        TimeSpan spacing = SpacingFor(samples);
        for (int i = 0; i < samples.Count; i++)
        {
            if (!samples.Timed(i))
            {
                continue;
            }

            if (i == samples.Count - 1 || samples.Time[i] - last >= spacing)
            {
                kept.Add(samples[i]);
                last = samples.Time[i];
            }
        }

        return kept;
    }

    private static TimeSpan SpacingFor(RecordedSeries samples)
    {
        DateTimeOffset? first = null, end = null;
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples.Timed(i))
            {
                first ??= samples.Time[i];
                end = samples.Time[i];
            }
        }

        TimeSpan span = end - first ?? TimeSpan.Zero;
        TimeSpan even = span / MaxStoredSamples;
        return even <= SampleSpacing ? SampleSpacing : even >= MaxSampleSpacing ? MaxSampleSpacing : even;
    }
}
