using System.Text.Json;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Activities.Get;

public sealed record GetActivity(Guid RunnerId, Guid ActivityId) : IQuery<TaggedActivity>;

/// <summary>The detail and its entity tag (<see cref="ActivityETag"/>), sent as the <c>ETag</c> header.</summary>
public sealed record TaggedActivity(ActivityDetail Detail, string ETag);

/// <summary>One activity with its metrics, the load model's results and its scoring state.</summary>
/// <param name="Loads">One <c>ActivityLoad</c> per session once scored (cardio load, muscle loads, recovery hours…).</param>
/// <param name="Sessions">Each session of a multi-session file (a triathlon) with its own sport and totals; empty for one session.</param>
public sealed record ActivityDetail(
    ActivitySummary Activity,
    JsonElement Metrics,
    JsonElement? Loads,
    ActivityScoring Scoring,
    string FileLink,
    string SamplesLink,
    IReadOnlyList<ActivitySessionSummary> Sessions);

public sealed record ActivityScoring(string State, DateTimeOffset? ScoredAt, string? Note);

public sealed class GetActivityHandler(RunRecoveryDb db) : IQueryHandler<GetActivity, TaggedActivity>
{
    public async ValueTask<TaggedActivity> Handle(GetActivity query, CancellationToken cancellationToken)
    {
        Activity activity = await db.Activities.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == query.ActivityId && a.RunnerId == query.RunnerId, cancellationToken)
            ?? throw new NotFoundException($"No activity {query.ActivityId}.");
        return new TaggedActivity(Detail(activity), ActivityETag.Of(activity));
    }

    /// <summary>The detail view of a stored activity (also written into a runner's data export).</summary>
    public static ActivityDetail Detail(Activity activity)
    {
        string link = ActivitySummary.LinkTo(activity.Id);
        return new ActivityDetail(
            ActivitySummary.From(activity),
            JsonDocument.Parse(activity.MetricsJson).RootElement,
            activity.LoadsJson is null ? null : JsonDocument.Parse(activity.LoadsJson).RootElement,
            new ActivityScoring(activity.ScoringState, activity.ScoredAt, activity.ScoringNote),
            link + "/file",
            link + "/samples",
            ActivitySessionSummary.Deserialize(activity.SessionsJson));
    }
}
