using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Activities;

/// <summary>An activity in lists and upload answers.</summary>
/// <param name="Name">The runner's own name (PATCH), else the file's, else "Morning run" style in the runner's time zone.</param>
/// <param name="Notes">The runner's notes (PATCH); null when none.</param>
/// <param name="ExcludeFromLoad">The runner excluded it: listed, but the load model skips it (scoring state "excluded").</param>
public sealed record ActivitySummary(
    Guid Id,
    string? FileName,
    string Format,
    string Sport,
    DateTimeOffset? StartUtc,
    double? DistanceMeters,
    double? MovingSeconds,
    double? ElapsedSeconds,
    string ScoringState,
    double? RecoveryHours,
    DateTimeOffset UploadedAt,
    string Link,
    string? Name,
    string? Notes,
    bool ExcludeFromLoad)
{
    public static ActivitySummary From(Activity activity) => new(
        activity.Id,
        activity.FileName,
        activity.Format,
        activity.Sport,
        activity.StartUtc,
        activity.DistanceMeters,
        activity.MovingSeconds,
        activity.ElapsedSeconds,
        activity.ScoringState,
        activity.RecoveryHours,
        activity.UploadedAt,
        LinkTo(activity.Id),
        activity.Name,
        activity.Notes,
        activity.ExcludeFromLoad);

    public static string LinkTo(Guid id) => $"/api/activities/{id}";
}
