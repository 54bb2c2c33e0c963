using System.Text.Json;
using Hangfire;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Webhooks;

/// <summary>
/// An activity event for the runner's webhook, captured when it happened (a deleted activity's fields cannot be
/// read later). <paramref name="ActivityJson"/> is the event's <c>activity</c> object, already serialised.
/// </summary>
public sealed record ActivityEvent(Guid EventId, string Type, Guid RunnerId, Guid ActivityId, DateTimeOffset OccurredUtc, string ActivityJson);

public static class ActivityEventTypes
{
    public const string Created = "activity.created";
    public const string Scored = "activity.scored";
    public const string Deleted = "activity.deleted";
}

/// <summary>
/// Raises activity events: <see cref="WantedAsync"/> (only runners with a webhook get any), <see cref="New"/> inside
/// the change, <see cref="Enqueue"/> after the caller committed, as a Hangfire job (stored in PostgreSQL, retried
/// with backoff), so an event is delivered at least once and never for a change that was rolled back.
/// </summary>
public sealed class ActivityEvents(RunRecoveryDb db, IBackgroundJobClient jobs, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<bool> WantedAsync(Guid runnerId, CancellationToken cancellationToken) =>
        await db.RunnerSettings.AsNoTracking().AnyAsync(s => s.RunnerId == runnerId && s.WebhookUrl != null, cancellationToken);

    public ActivityEvent New(string type, Guid runnerId, Guid activityId, object activity)
    {
        DateTimeOffset now = clock.GetUtcNow();
        return new ActivityEvent(Guid.CreateVersion7(now), type, runnerId, activityId, now, JsonSerializer.Serialize(activity, activity.GetType(), Json));
    }

    public void Enqueue(ActivityEvent activityEvent) =>
        jobs.Enqueue<DeliverActivityEventJob>(job => job.RunAsync(activityEvent, null, CancellationToken.None));
}
