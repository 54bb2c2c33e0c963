using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Activities;

/// <summary>
/// The strong entity tag (RFC 9110 §8.8.3) of an activity's representation (GET /api/activities/{id}): a hash of every
/// stored value the detail shows, so it changes when the runner edits the activity and when a recompute changes its
/// scoring, and a PATCH with <c>If-Match</c> never overwrites a state its client did not see.
/// </summary>
public static class ActivityETag
{
    public static string Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        object?[] parts =
        [
            activity.Id, activity.Name, activity.Notes, activity.ExcludeFromLoad, activity.Sport, activity.Format, activity.FileName,
            activity.StartUtc?.UtcTicks, activity.DistanceMeters, activity.MovingSeconds, activity.ElapsedSeconds, activity.UploadedAt.UtcTicks,
            activity.MetricsJson, activity.ScoringState, activity.ScoringNote, activity.ScoredAt?.UtcTicks, activity.LoadsJson, activity.RecoveryHours,
            activity.SessionsJson,
        ];
        string text = string.Join('\u001f', parts.Select(part => part switch
        {
            null => "\u2400",
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            _ => part.ToString(),
        }));
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16))}\"";
    }
}
