using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Runners.Export;

/// <summary>
/// Every row held about a runner except the files' bytes (streamed one at a time) and the activities' load inputs
/// (samples thinned from the file, which the export holds whole).
/// </summary>
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
        // Everything but the load model's inputs (thinned samples, ~30 kB an activity, derived from the file itself).
        List<Activity> activities = await db.Activities.AsNoTracking().Where(a => a.RunnerId == runnerId)
            .OrderBy(a => a.SortTime).ThenBy(a => a.Id)
            .Select(a => new Activity
            {
                Id = a.Id,
                RunnerId = a.RunnerId,
                Sha256 = a.Sha256,
                FileName = a.FileName,
                Name = a.Name,
                Notes = a.Notes,
                ExcludeFromLoad = a.ExcludeFromLoad,
                ContentType = a.ContentType,
                Format = a.Format,
                Sport = a.Sport,
                StartUtc = a.StartUtc,
                SortTime = a.SortTime,
                DistanceMeters = a.DistanceMeters,
                MovingSeconds = a.MovingSeconds,
                ElapsedSeconds = a.ElapsedSeconds,
                SizeBytes = a.SizeBytes,
                UploadedAt = a.UploadedAt,
                MetricsJson = a.MetricsJson,
                SessionsJson = a.SessionsJson,
                ScoringState = a.ScoringState,
                ScoringNote = a.ScoringNote,
                ScoredAt = a.ScoredAt,
                LoadsJson = a.LoadsJson,
                RecoveryHours = a.RecoveryHours,
            })
            .ToListAsync(cancellationToken);
        return new RunnerRecords(runner, settings, checkins, recommendations, memberships, scoring, activities);
    }
}
