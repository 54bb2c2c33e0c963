using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Server;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Webhooks;

/// <summary>POST one activity event to the runner's webhook, signed as recommendation deliveries are.</summary>
/// <param name="Attempt">1 for the first try; Hangfire's retry count + 1 after.</param>
public sealed record DeliverActivityEvent(ActivityEvent Event, int Attempt) : ICommand<string>;

/// <summary>
/// Throws <see cref="WebhookDeliveryException"/> so Hangfire retries until <see cref="WebhookOptions.MaxAttempts"/>,
/// then answers "failed". A runner who removed the webhook meanwhile gets nothing ("no-webhook").
/// </summary>
public sealed class DeliverActivityEventHandler(RunRecoveryDb db, WebhookPost post, TimeProvider clock)
    : ICommandHandler<DeliverActivityEvent, string>
{
    public async ValueTask<string> Handle(DeliverActivityEvent command, CancellationToken cancellationToken)
    {
        ActivityEvent e = command.Event;
        var settings = await db.RunnerSettings.AsNoTracking().SingleOrDefaultAsync(s => s.RunnerId == e.RunnerId, cancellationToken);
        if (settings?.WebhookUrl is not { } url || settings.WebhookSecret is not { } secret)
        {
            return "no-webhook";
        }

        var payload = new JsonObject
        {
            ["type"] = e.Type,
            ["eventId"] = e.EventId,
            ["runnerId"] = e.RunnerId,
            ["occurredUtc"] = e.OccurredUtc,
            ["sentUtc"] = clock.GetUtcNow(),
            ["activity"] = JsonNode.Parse(e.ActivityJson),
        };
        byte[] body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        string? error = await post.SendAsync(url, secret, $"{e.EventId}:{command.Attempt}", body, cancellationToken);
        if (error is null)
        {
            return WebhookDeliveryState.Delivered;
        }

        return command.Attempt >= post.Options.MaxAttempts
            ? WebhookDeliveryState.Failed
            : throw new WebhookDeliveryException($"Delivery {command.Attempt} of {post.Options.MaxAttempts} of {e.Type} {e.EventId} failed: {error}");
    }
}

public sealed class DeliverActivityEventJob(ISender sender)
{
    // The same backoff as recommendation deliveries; the handler stops at WebhookOptions.MaxAttempts.
    [Queue("default"), AutomaticRetry(Attempts = 10, DelaysInSeconds = [10, 60, 300, 1800, 7200, 7200, 7200, 7200, 7200, 7200])]
    public async Task RunAsync(ActivityEvent activityEvent, PerformContext? context, CancellationToken cancellationToken) =>
        await sender.Send(new DeliverActivityEvent(activityEvent, (context?.GetJobParameter<int>("RetryCount") ?? 0) + 1), cancellationToken);
}
