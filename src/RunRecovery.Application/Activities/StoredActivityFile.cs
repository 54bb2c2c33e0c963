using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities;

/// <summary>
/// The runner's stored original of one activity, parsed for views the summary does not hold: once, then from
/// <see cref="ParsedActivityCache"/> (a 1.1 M-record file took 14.5 s to parse again on every <c>/samples</c> read).
/// </summary>
public static class StoredActivityFile
{
    /// <summary>Parses the stored bytes, or finds them parsed; another runner's activity is as unknown as a missing one (404).</summary>
    public static async Task<ParsedActivity> ReadAsync(
        RunRecoveryDb db, ParsedActivityCache cache, Guid runnerId, Guid activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var owned = await db.Activities
            .Where(activity => activity.Id == activityId && activity.RunnerId == runnerId)
            .Select(activity => new { activity.FileName })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No activity {activityId}.");
        return await cache.GetOrParseAsync(
            activityId,
            async token => await db.ActivityContents.Where(content => content.ActivityId == activityId).Select(content => content.Content).SingleOrDefaultAsync(token)
                ?? throw new NotFoundException($"No activity {activityId}."),
            content => Parse(content, owned.FileName),
            cancellationToken);
    }

    private static ParsedActivity Parse(byte[] content, string? fileName)
    {
        try
        {
            return ActivityFile.Read(content, fileName);
        }
        catch (ActivityFileException error) when (error.Partial is { } partial && ActivityPlausibility.Salvageable(partial))
        {
            return partial; // stored with a "truncated" warning: what was recorded before the cut
        }
    }
}
