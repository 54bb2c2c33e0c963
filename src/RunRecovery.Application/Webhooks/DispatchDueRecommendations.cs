using Hangfire;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Webhooks;

/// <summary>Queue a delivery for every open recommendation that has become due for a runner with a webhook.</summary>
public sealed record DispatchDueRecommendations : ICommand<int>;

public sealed class DispatchDueRecommendationsHandler(RunRecoveryDb db, IBackgroundJobClient jobs, TimeProvider clock)
    : ICommandHandler<DispatchDueRecommendations, int>
{
    public async ValueTask<int> Handle(DispatchDueRecommendations command, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        List<StoredRecommendation> due = await (
            from recommendation in db.Recommendations
            join settings in db.RunnerSettings on recommendation.RunnerId equals settings.RunnerId
            where settings.WebhookUrl != null
                && recommendation.Status == RecommendationStatus.Open
                && recommendation.DeliveryState == null
                && recommendation.DueUtc <= now && recommendation.ExpiresUtc > now
            select recommendation)
            .Take(1000)
            .ToListAsync(cancellationToken);

        foreach (StoredRecommendation recommendation in due)
        {
            recommendation.DeliveryState = WebhookDeliveryState.Queued;
        }

        await db.SaveChangesAsync(cancellationToken); // marked before enqueueing: a second dispatcher cannot queue them again
        foreach (StoredRecommendation recommendation in due)
        {
            jobs.Enqueue<DeliverRecommendationJob>(job => job.RunAsync(recommendation.Id, CancellationToken.None));
        }

        return due.Count;
    }
}

public static class WebhookDeliveryState
{
    public const string Queued = "queued";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

public sealed class DispatchDueRecommendationsJob(ISender sender)
{
    public const string RecurringId = "dispatch-due-recommendations";

    [Queue("default"), AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new DispatchDueRecommendations(), cancellationToken);
}
