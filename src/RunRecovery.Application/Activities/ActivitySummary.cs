using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Activities;

/// <summary>An activity in lists and upload answers.</summary>
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
    string Link)
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
        LinkTo(activity.Id));

    public static string LinkTo(Guid id) => $"/api/activities/{id}";
}
