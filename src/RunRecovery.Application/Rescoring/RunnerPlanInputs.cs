using System.Text.Json;
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

    /// <summary>What the profile was built from (the settings row and the time zone): equal stamps, equal profiles.</summary>
    public string ProfileStamp { get; init; } = "";

    public static Task<RunnerPlanInputs?> LoadAsync(RunRecoveryDb db, Guid runnerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        LoadAsync(db, runnerId, now, withActivities: true, cancellationToken);

    /// <param name="withActivities">False: <see cref="Activities"/> is left empty (the recompute reads them itself, incrementally).</param>
    public static async Task<RunnerPlanInputs?> LoadAsync(RunRecoveryDb db, Guid runnerId, DateTimeOffset now, bool withActivities, CancellationToken cancellationToken)
    {
        string? timeZone = await db.Runners.Where(runner => runner.Id == runnerId).Select(runner => runner.TimeZone).SingleOrDefaultAsync(cancellationToken);
        if (timeZone is null)
        {
            return null;
        }

        RunnerSettings? settings = await db.RunnerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.RunnerId == runnerId, cancellationToken);
        RunnerProfile profile = (settings ?? new RunnerSettings()).ToModel(timeZone);

        List<(Guid, IReadOnlyList<ActivityLoadInput>)> activities = [];
        if (withActivities)
        {
            var stored = await db.Activities.AsNoTracking()
                .Where(activity => activity.RunnerId == runnerId && activity.StartUtc != null && !activity.ExcludeFromLoad)
                .Select(activity => new { activity.Id, activity.LoadInputsJson })
                .ToListAsync(cancellationToken);
            activities = [.. stored.Select(activity => (activity.Id, LoadInputsJson.Deserialize(activity.LoadInputsJson)))];
        }

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
            [.. checkins.OrderBy(checkin => checkin.Date).ThenBy(checkin => checkin.CreatedAt).Select(checkin => checkin.Morning()).OfType<MorningCheckin>()])
        {
            ProfileStamp = timeZone + "\u001f" + (settings is null ? "none" : JsonSerializer.Serialize(settings)),
        };
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
