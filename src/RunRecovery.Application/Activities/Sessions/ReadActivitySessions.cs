using Hangfire;
using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Activities.Sessions;

/// <summary>
/// Fills <c>activities.sessions</c> for up to <paramref name="BatchSize"/> activities stored before sessions were
/// (the column is null): each one's stored file is read again through the upload's own path
/// (<see cref="ActivityIngest.Read"/>), and a multi-session file whose sport was stored as its first leg's
/// ("swimming" for a triathlon) becomes <c>multisport</c>, with its generated name following ("Morning multisport").
/// A sport or name the runner chose (PATCH) is kept. The load inputs were already one per session, so nothing is
/// rescored. Returns how many activities it filled; running it again fills none of them twice.
/// </summary>
public sealed record ReadActivitySessions(int BatchSize = 50) : ICommand<int>;

public sealed class ReadActivitySessionsHandler(RunRecoveryDb db, ActivityIngest ingest) : ICommandHandler<ReadActivitySessions, int>
{
    public async ValueTask<int> Handle(ReadActivitySessions command, CancellationToken cancellationToken)
    {
        var unread = await db.Activities
            .Where(activity => activity.SessionsJson == null)
            .OrderBy(activity => activity.Id)
            .Take(command.BatchSize)
            .Join(db.ActivityContents, activity => activity.Id, content => content.ActivityId, (activity, content) => new { activity, content.Content })
            .Join(db.Runners, x => x.activity.RunnerId, runner => runner.Id, (x, runner) => new { x.activity, x.Content, runner.TimeZone })
            .ToListAsync(cancellationToken);
        foreach (var row in unread)
        {
            Fill(row.activity, ingest.Read(row.activity.FileName, row.Content, RunnerProfile.Default), row.TimeZone);
        }

        await db.SaveChangesAsync(cancellationToken);
        return unread.Count;
    }

    private static void Fill(Activity activity, IngestFile file, string timeZone)
    {
        if (file.Refusal is not null)
        {
            activity.SessionsJson = "[]"; // read once when it was stored; what it lists cannot be read again today
            return;
        }

        activity.SessionsJson = ActivitySessionSummary.Serialize(file.Sessions);
        string sport = file.Parsed.Sport.ToString().ToLowerInvariant();
        if (sport != "multisport" || activity.Sport == sport || activity.Sport != FirstLegSport(file.Parsed.Sessions))
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

    /// <summary>The sport the readers gave a multi-session file before it was "multisport": its first leg's that says something.</summary>
    private static string FirstLegSport(IReadOnlyList<ActivitySession> sessions)
    {
        Sport sport = sessions.Select(s => s.Sport).FirstOrDefault(s => s is not (Sport.Transition or Sport.Generic or Sport.Unknown));
        if (sport == Sport.Unknown)
        {
            sport = sessions.Select(s => s.Sport).FirstOrDefault(s => s != Sport.Transition);
        }

        return sport.ToString().ToLowerInvariant();
    }
}

/// <summary>Every minute: fills the sessions of activities stored before they were, a batch at a time, until none is left.</summary>
public sealed class ReadActivitySessionsJob(ISender sender)
{
    public const string RecurringId = "read-activity-sessions";

    /// <summary>At most this many batches a run, so one run stays short; the next minute goes on.</summary>
    public const int MaxBatchesPerRun = 20;

    [Queue(ScoreRunnerJob.Queue), AutomaticRetry(Attempts = 0), DisableConcurrentExecution(timeoutInSeconds: 60)]
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
