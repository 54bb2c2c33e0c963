using Hangfire;
using RunRecovery.Analysis;
using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Jobs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Sessions;

/// <summary>
/// Fills <c>activities.sessions</c> for up to <paramref name="BatchSize"/> activities stored before sessions were
/// (the column is null): each one's stored file is read again through the upload's own path
/// (<see cref="ActivityIngest.Read"/>), and a multi-session file whose sport was stored as its first leg's
/// ("swimming" for a triathlon) becomes <c>multisport</c>, with its generated name following ("Morning multisport").
/// A sport or name the runner chose (PATCH) is kept. The load inputs were already one per session, so nothing is
/// rescored. Returns how many activities it filled; running it again fills none of them twice. One reader at a time
/// (<see cref="RunAlone"/>): a second one, on any process, returns 0 at once instead of reading the same files.
/// </summary>
public sealed record ReadActivitySessions(int BatchSize = 50) : ICommand<int>;

public sealed class ReadActivitySessionsHandler(RunRecoveryDb db, ActivityIngest ingest, ScoringQueue scoring) : ICommandHandler<ReadActivitySessions, int>
{
    /// <summary>The advisory lock's name (<see cref="RunAlone"/>).</summary>
    public const string LockKey = "read-activity-sessions";

    public async ValueTask<int> Handle(ReadActivitySessions command, CancellationToken cancellationToken)
    {
        // The connection string is always set: RunRecoveryDb.Configure is given one.
        await using RunAlone? alone = await RunAlone.TryEnterAsync(db.Database.GetConnectionString()!, LockKey, cancellationToken);
        if (alone is null)
        {
            return 0; // another reader is at it; the next minute's run goes on where it stops
        }

        // Read and parse outside any transaction; write each runner's rows under its scoring row, taken first
        // (docs/architecture.md, "Lock order"), so a patch, delete or recompute of the same runner waits, not deadlocks.
        var unread = await db.Activities.AsNoTracking()
            .Where(activity => activity.SessionsJson == null)
            .OrderBy(activity => activity.Id)
            .Take(command.BatchSize)
            .Select(activity => new { activity.Id, activity.RunnerId, activity.FileName })
            .ToListAsync(cancellationToken);
        var read = new Dictionary<Guid, Reading>(unread.Count);
        foreach (var row in unread)
        {
            // One file's bytes and parse at a time: only what Fill needs is kept.
            byte[] content = await db.ActivityContents.AsNoTracking().Where(c => c.ActivityId == row.Id).Select(c => c.Content).SingleOrDefaultAsync(cancellationToken) ?? [];
            read[row.Id] = Reading.Of(ingest.Read(row.FileName, content, RunnerProfile.Default));
        }

        int filled = 0;
        foreach (IGrouping<Guid, Guid> runner in unread.GroupBy(row => row.RunnerId, row => row.Id))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await scoring.LockAsync(runner.Key, cancellationToken);
            string timeZone = await db.Runners.Where(r => r.Id == runner.Key).Select(r => r.TimeZone).SingleOrDefaultAsync(cancellationToken) ?? "UTC";
            Guid[] ids = [.. runner];
            List<Activity> activities = await db.Activities.Where(a => ids.Contains(a.Id) && a.SessionsJson == null).ToListAsync(cancellationToken);
            foreach (Activity activity in activities)
            {
                Fill(activity, read[activity.Id], timeZone);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            filled += activities.Count;
        }

        return filled;
    }

    private static void Fill(Activity activity, Reading file, string timeZone)
    {
        activity.SessionsJson = file.SessionsJson;
        string sport = file.Sport;
        if (sport != "multisport" || activity.Sport == sport || activity.Sport != file.FirstLegSport)
        {
            return;
        }

        string previous = activity.Sport;
        activity.Sport = sport;
        if (activity.Name == ActivityNames.Generated(previous, activity.StartUtc, timeZone))
        {
            activity.Name = ActivityNames.Generated(sport, activity.StartUtc, timeZone);
        }
    }

    /// <summary>What a stored file read again says: its sessions (<c>[]</c> when it can no longer be read), sport, and first leg's sport.</summary>
    private sealed record Reading(string SessionsJson, string Sport, string FirstLegSport)
    {
        public static Reading Of(IngestFile file) => file.Refusal is not null
            ? new Reading("[]", "", "") // read once when it was stored; what it lists cannot be read again today
            : new Reading(
                ActivitySessionSummary.Serialize(file.Sessions),
                RecordingMapper.Name(file.Sport),
                FirstLegSportOf(file.Parsed.Sessions));
    }

    /// <summary>The sport the readers gave a multi-session file before it was "multisport": its first leg's that says something.</summary>
    private static string FirstLegSportOf(IReadOnlyList<ActivitySession> sessions)
    {
        Sport sport = sessions.Select(s => RecordingMapper.SportOf(s.Sport)).FirstOrDefault(s => s is not (Sport.Transition or Sport.Generic or Sport.Unknown));
        if (sport == Sport.Unknown)
        {
            sport = sessions.Select(s => RecordingMapper.SportOf(s.Sport)).FirstOrDefault(s => s != Sport.Transition);
        }

        return RecordingMapper.Name(sport);
    }
}

/// <summary>Every minute: fills the sessions of activities stored before they were, a batch at a time, until none is left.</summary>
public sealed class ReadActivitySessionsJob(ISender sender)
{
    public const string RecurringId = "read-activity-sessions";

    /// <summary>At most this many batches a run, so one run stays short; the next minute goes on.</summary>
    public const int MaxBatchesPerRun = 20;

    // No DisableConcurrentExecution: its Hangfire lock outlives a killed holder until DistributedLockTimeout, and a
    // short timeout would let a second runner in beside a slow live one. The handler runs alone (RunAlone) instead.
    [Queue(ScoreRunnerJob.Queue), AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (int batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            if (await sender.Send(new ReadActivitySessions(), cancellationToken) == 0)
            {
                return;
            }
        }
    }
}
