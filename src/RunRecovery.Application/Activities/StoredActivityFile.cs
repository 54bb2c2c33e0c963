using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities;

/// <summary>The runner's stored original of one activity, read again (parsing takes milliseconds) for views the summary does not hold.</summary>
public static class StoredActivityFile
{
    /// <summary>Parses the stored bytes; another runner's activity is as unknown as a missing one (404).</summary>
    public static async Task<ParsedActivity> ReadAsync(RunRecoveryDb db, Guid runnerId, Guid activityId, CancellationToken cancellationToken)
    {
        var stored = await (
            from activity in db.Activities
            join content in db.ActivityContents on activity.Id equals content.ActivityId
            where activity.Id == activityId && activity.RunnerId == runnerId
            select new { content.Content, activity.FileName })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No activity {activityId}.");
        try
        {
            return ActivityFile.Read(stored.Content, stored.FileName);
        }
        catch (ActivityFileException error) when (error.Partial is { } partial && ActivityIngest.Salvageable(partial))
        {
            return partial; // stored with a "truncated" warning: what was recorded before the cut
        }
    }
}
