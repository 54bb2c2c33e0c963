using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Activities;
using RunRecovery.Application.Checkins;
using RunRecovery.Application.Data;
using RunRecovery.Application.Profiles;
using RunRecovery.Application.Recommendations;

namespace RunRecovery.Application.Runners.Export;

/// <summary>Every row held about a runner except the files' bytes (those are streamed one at a time).</summary>
public sealed record RunnerRecords(
    Runner Runner,
    RunnerSettings Settings,
    List<Checkin> Checkins,
    List<StoredRecommendation> Recommendations,
    List<ExportedMembership> Memberships,
    ExportedScoringState? Scoring,
    List<Activity> Activities)
{
    public static async Task<RunnerRecords> LoadAsync(RunRecoveryDb db, Guid runnerId, CancellationToken cancellationToken)
    {
        Runner runner = await db.Runners.AsNoTracking().SingleAsync(r => r.Id == runnerId, cancellationToken);
        RunnerSettings settings = await db.RunnerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.RunnerId == runnerId, cancellationToken)
            ?? new RunnerSettings { RunnerId = runnerId };
        List<Checkin> checkins = await db.Checkins.AsNoTracking().Where(c => c.RunnerId == runnerId)
            .OrderBy(c => c.Date).ThenBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        List<StoredRecommendation> recommendations = await db.Recommendations.AsNoTracking().Where(r => r.RunnerId == runnerId)
            .OrderBy(r => r.DueUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        List<ExportedMembership> memberships = await (
            from member in db.ClubMembers.AsNoTracking()
            join club in db.Clubs on member.ClubId equals club.Id
            where member.RunnerId == runnerId
            orderby club.Name
            select new ExportedMembership(club.Id, club.Name, member.Role, member.Managed, member.ExternalId, member.JoinedAt))
            .ToListAsync(cancellationToken);
        ExportedScoringState? scoring = await db.RunnerScoring.AsNoTracking().Where(s => s.RunnerId == runnerId)
            .Select(s => new ExportedScoringState(s.RequestedVersion, s.ScoredVersion, s.JobPending, s.DirtySince, s.RequestedAt, s.ScoredAt, s.Recomputes))
            .SingleOrDefaultAsync(cancellationToken);
        List<Activity> activities = await db.Activities.AsNoTracking().Where(a => a.RunnerId == runnerId)
            .OrderBy(a => a.SortTime).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return new RunnerRecords(runner, settings, checkins, recommendations, memberships, scoring, activities);
    }
}
