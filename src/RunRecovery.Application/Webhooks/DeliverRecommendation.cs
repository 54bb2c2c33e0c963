using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.RecommendationQueue;

namespace RunRecovery.Application.Webhooks;

/// <summary>POST one due recommendation to the runner's webhook, signed; records delivered or (after N tries) failed.</summary>
public sealed record DeliverRecommendation(Guid RecommendationId) : ICommand<string>;

/// <summary>Thrown to make Hangfire retry a failed delivery with its backoff.</summary>
public sealed class WebhookDeliveryException : Exception
{
    public WebhookDeliveryException()
    {
    }

    public WebhookDeliveryException(string message)
        : base(message)
    {
    }

    public WebhookDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Idempotent: a recommendation already delivered or failed is not sent again. The error recorded for the runner (and
/// shown in their export) is the receiver's HTTP status or <see cref="Unreachable"/>: one text whether the port was
/// closed, filtered or open without HTTP, or TLS failed, so a webhook URL cannot be used to scan ports. The precise
/// reason goes to the service's log for its operator.
/// </summary>
public sealed class DeliverRecommendationHandler(
    RunRecoveryDb db, WebhookPost post, IOptions<WebhookOptions> options, TimeProvider clock)
    : ICommandHandler<DeliverRecommendation, string>
{
    public const string Unreachable = WebhookPost.Unreachable;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<string> Handle(DeliverRecommendation command, CancellationToken cancellationToken)
    {
        StoredRecommendation? recommendation = await db.Recommendations.SingleOrDefaultAsync(r => r.Id == command.RecommendationId, cancellationToken);
        if (recommendation is null || recommendation.DeliveryState is WebhookDeliveryState.Delivered or WebhookDeliveryState.Failed)
        {
            return recommendation?.DeliveryState ?? "gone";
        }

        var settings = await db.RunnerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.RunnerId == recommendation.RunnerId, cancellationToken);
        if (settings?.WebhookUrl is not { } url || settings.WebhookSecret is not { } secret)
        {
            recommendation.DeliveryState = null; // the webhook was removed meanwhile
            await db.SaveChangesAsync(cancellationToken);
            return "no-webhook";
        }

        DateTimeOffset now = clock.GetUtcNow();
        var payload = new WebhookPayload("recommendation.due", recommendation.RunnerId, now, RecommendationView.From(recommendation, now));
        byte[] body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload, Json));
        string? error = await post.SendAsync(url, secret, $"{recommendation.Id}:{recommendation.DeliveryAttempts + 1}", body, cancellationToken);

        recommendation.DeliveryAttempts++;
        if (error is null)
        {
            recommendation.DeliveryState = WebhookDeliveryState.Delivered;
            recommendation.DeliveredAt = now;
            recommendation.DeliveryError = null;
            await db.SaveChangesAsync(cancellationToken);
            return WebhookDeliveryState.Delivered;
        }

        recommendation.DeliveryError = error.Length > 500 ? error[..500] : error;
        if (recommendation.DeliveryAttempts >= options.Value.MaxAttempts)
        {
            recommendation.DeliveryState = WebhookDeliveryState.Failed;
            await db.SaveChangesAsync(cancellationToken);
            return WebhookDeliveryState.Failed;
        }

        await db.SaveChangesAsync(cancellationToken);
        throw new WebhookDeliveryException($"Delivery {recommendation.DeliveryAttempts} of {options.Value.MaxAttempts} failed: {error}");
    }
}

/// <summary>The JSON body of a webhook delivery.</summary>
public sealed record WebhookPayload(string Type, Guid RunnerId, DateTimeOffset SentUtc, RecommendationView Recommendation);

public sealed class DeliverRecommendationJob(ISender sender)
{
    // Retries back off: 10 s, 1 min, 5 min, 30 min, 2 h…; the handler stops at WebhookOptions.MaxAttempts.
    [Queue("default"), AutomaticRetry(Attempts = 10, DelaysInSeconds = [10, 60, 300, 1800, 7200, 7200, 7200, 7200, 7200, 7200])]
    public async Task RunAsync(Guid recommendationId, CancellationToken cancellationToken) =>
        await sender.Send(new DeliverRecommendation(recommendationId), cancellationToken);
}
