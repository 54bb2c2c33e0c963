using RunRecovery.Analysis;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;

namespace RunRecovery.Application.Activities.Splits;

public sealed record GetActivitySplits(Guid RunnerId, Guid ActivityId, string? Unit) : IQuery<ActivitySplits>;

/// <summary>The activity cut into kilometres (<c>km</c>) or miles (<c>mi</c>); the last split may be shorter.</summary>
/// <param name="SplitMeters">1000, or 1609.344 (one international mile).</param>
public sealed record ActivitySplits(Guid ActivityId, string Unit, double SplitMeters, IReadOnlyList<ActivitySplit> Splits);

/// <summary>One split. Pace is in seconds per kilometre whatever the split length (the API stays SI).</summary>
public sealed record ActivitySplit(
    int Number,
    double DistanceMeters,
    double ElapsedSeconds,
    double MovingSeconds,
    double? PaceSecondsPerKm,
    int? AverageHeartRateBpm,
    double? ElevationChangeMeters);

/// <summary>
/// Reads the stored original again (parsing takes milliseconds) and computes its splits with the same metrics code
/// as the upload, so the kilometre splits equal the stored <c>metrics.splits</c>.
/// </summary>
public sealed class GetActivitySplitsHandler(RunRecoveryDb db, ParsedActivityCache cache) : IQueryHandler<GetActivitySplits, ActivitySplits>
{
    public const double MetersPerMile = 1609.344;

    public async ValueTask<ActivitySplits> Handle(GetActivitySplits query, CancellationToken cancellationToken)
    {
        (string unit, double meters) = ParseUnit(query.Unit);
        ParsedActivity parsed = await StoredActivityFile.ReadAsync(db, cache, query.RunnerId, query.ActivityId, cancellationToken);
        ActivityMetrics metrics = ActivityMetrics.From(RecordingMapper.From(parsed), MetricsOptions.Default with { SplitMeters = meters });
        return new ActivitySplits(query.ActivityId, unit, meters, [.. metrics.Splits.Select(split => new ActivitySplit(
            split.Number,
            Math.Round(split.DistanceMeters, 1),
            Math.Round(split.ElapsedTime.TotalSeconds, 1),
            Math.Round(split.MovingTime.TotalSeconds, 1),
            split.PaceSecondsPerKm is { } pace ? Math.Round(pace, 1) : null,
            split.AverageHeartRateBpm,
            split.ElevationChangeMeters is { } change ? Math.Round(change, 1) : null))]);
    }

    /// <summary>"km" (default) or "mi".</summary>
    public static (string Unit, double Meters) ParseUnit(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        null or "" or "km" => ("km", 1000),
        "mi" => ("mi", MetersPerMile),
        _ => throw new RequestValidationException(new Dictionary<string, string[]>
        {
            ["unit"] = ["Give km or mi."],
        }),
    };
}
