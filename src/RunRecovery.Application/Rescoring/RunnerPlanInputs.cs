using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Rescoring;

/// <summary>Everything the planner needs about one runner, read from the database.</summary>
public sealed record RunnerPlanInputs(
    RunnerProfile Profile,
    IReadOnlyList<(Guid ActivityId, IReadOnlyList<ActivityLoadInput> Inputs)> Activities,
    IReadOnlyList<SorenessCheckin> Checkins,
    IReadOnlyList<RecommendationFeedback> Feedback,
    IReadOnlyList<MorningCheckin> Mornings)
{
    /// <summary>Feedback older than this no longer influences the plan (the planner reads the last days only).</summary>
    public static readonly TimeSpan HistoryWindow = TimeSpan.FromDays(30);

    /// <summary>Check-ins are read for a year: a pain flag stays until a later check-in says the part is fine (issue 14),
    /// however long ago it was raised.</summary>
    public static readonly TimeSpan CheckinWindow = TimeSpan.FromDays(365);

    public RunnerReports Reports => new() { Checkins = Checkins, Mornings = Mornings, Feedback = Feedback };

    public IEnumerable<ActivityLoadInput> AllInputs => Activities.SelectMany(activity => activity.Inputs);

    public static async Task<RunnerPlanInputs?> LoadAsync(RunRecoveryDb db, Guid runnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? timeZone = await db.Runners.Where(runner => runner.Id == runnerId).Select(runner => runner.TimeZone).SingleOrDefaultAsync(cancellationToken);
        if (timeZone is null)
        {
            return null;
        }

        RunnerSettings? settings = await db.RunnerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.RunnerId == runnerId, cancellationToken);
        RunnerProfile profile = (settings ?? new RunnerSettings()).ToModel(timeZone);

        var stored = await db.Activities.AsNoTracking()
            .Where(activity => activity.RunnerId == runnerId && activity.StartUtc != null && !activity.ExcludeFromLoad)
            .Select(activity => new { activity.Id, activity.LoadInputsJson })
            .ToListAsync(cancellationToken);
        var activities = stored.Select(activity => (activity.Id, LoadInputsJson.Deserialize(activity.LoadInputsJson))).ToList();

        DateOnly since = DateOnly.FromDateTime(now.UtcDateTime - CheckinWindow);
        List<Checkin> checkins = await db.Checkins.AsNoTracking()
            .Where(checkin => checkin.RunnerId == runnerId && checkin.Date >= since)
            .ToListAsync(cancellationToken);

        DateTimeOffset feedbackSince = now - HistoryWindow;
        List<StoredRecommendation> acted = await db.Recommendations.AsNoTracking()
            .Where(r => r.RunnerId == runnerId && r.Status != RecommendationStatus.Open && r.ActedAt >= feedbackSince)
            .ToListAsync(cancellationToken);

        return new RunnerPlanInputs(
            profile,
            activities,
            [.. checkins.OrderBy(checkin => checkin.Date).ThenBy(checkin => checkin.CreatedAt).SelectMany(checkin => checkin.ToModel())],
            [.. acted.Select(ToFeedback)],
            [.. checkins.OrderBy(checkin => checkin.Date).ThenBy(checkin => checkin.CreatedAt).Select(checkin => checkin.Morning()).OfType<MorningCheckin>()]);
    }

    private static RecommendationFeedback ToFeedback(StoredRecommendation recommendation) => new(
        recommendation.ActedAt ?? recommendation.UpdatedAt,
        recommendation.Kind,
        recommendation.Status == RecommendationStatus.Done ? FeedbackOutcome.Done : FeedbackOutcome.Dismissed,
        recommendation.Tool,
        [.. recommendation.BodyParts.Select(part => Enum.TryParse(part.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out BodyPart parsed) ? parsed : BodyPart.Other)],
        recommendation.DismissReason,
        recommendation.Key);
}
