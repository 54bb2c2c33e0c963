using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Planning;
using RunnerProfile = RunRecovery.Scoring.Planning.RunnerProfile;

namespace RunRecovery.Application.Profiles;

/// <summary>
/// The runner's recovery profile. <see cref="WebhookSecret"/> signs webhook deliveries (shown to the runner only);
/// <see cref="Units"/> is how the dashboard shows distances (metric or imperial; the API stays SI).
/// </summary>
public sealed record RunnerProfileView(
    int? BirthYear,
    Sex Sex,
    int? MaxHeartRateBpm,
    int? RestingHeartRateBpm,
    ExperienceLevel Experience,
    double? WeeklyDistanceKm,
    IReadOnlyList<MassageTool> Tools,
    MassageWindow? MassageWindow,
    string TimeZone,
    string? WebhookUrl,
    string? WebhookSecret,
    UnitSystem Units,
    double? WeightKg,
    TimeOnly WakeTime,
    TimeOnly BedTime)
{
    public static RunnerProfileView From(RunnerSettings settings, string timeZone) => new(
        settings.BirthYear,
        settings.Sex,
        settings.MaxHeartRateBpm,
        settings.RestingHeartRateBpm,
        settings.Experience,
        settings.WeeklyDistanceKm,
        settings.Tools,
        settings.MassageWindowStart is { } start && settings.MassageWindowEnd is { } end ? new MassageWindow(start, end) : null,
        timeZone,
        settings.WebhookUrl,
        settings.WebhookSecret,
        settings.Units,
        settings.WeightKg,
        settings.WakeTime ?? RunnerProfile.Default.WakeTime,
        settings.BedTime ?? RunnerProfile.Default.BedTime);
}

/// <summary>Local times of day, e.g. 19:00–21:00.</summary>
public sealed record MassageWindow(TimeOnly Start, TimeOnly End);
