using System.Text.Json;
using System.Text.Json.Serialization;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Load;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// The load model's inputs as stored in <c>activities.load_inputs</c>. Samples are thinned to one every
/// <see cref="SampleSpacing"/> and keep only what the load model reads (time, position, altitude, distance,
/// heart rate), so a full recompute reads kilobytes per activity, not the whole file. TRIMP integrates heart
/// rate over each interval (capped at 30 s), so 5-second spacing changes it by well under one per cent.
/// </summary>
public static class StoredLoadInputs
{
    public static readonly TimeSpan SampleSpacing = TimeSpan.FromSeconds(5);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(IReadOnlyList<ActivityLoadInput> inputs) =>
        JsonSerializer.Serialize(inputs.Select(input => input with { Samples = Thin(input.Samples) }).ToArray(), Json);

    public static IReadOnlyList<ActivityLoadInput> Deserialize(string json) =>
        JsonSerializer.Deserialize<ActivityLoadInput[]>(json, Json) ?? [];

    private static ActivitySample[] Thin(IReadOnlyList<ActivitySample> samples)
    {
        var kept = new List<ActivitySample>(Math.Min(samples.Count, 4096));
        DateTimeOffset last = DateTimeOffset.MinValue;
        for (int i = 0; i < samples.Count; i++)
        {
            ActivitySample sample = samples[i];
            if (sample.TimeMissing)
            {
                continue;
            }

            if (i == samples.Count - 1 || sample.Time - last >= SampleSpacing)
            {
                kept.Add(new ActivitySample(
                    sample.Time,
                    sample.LatitudeDegrees,
                    sample.LongitudeDegrees,
                    sample.AltitudeMeters,
                    sample.DistanceMeters,
                    HeartRateBpm: sample.HeartRateBpm));
                last = sample.Time;
            }
        }

        return [.. kept];
    }
}
