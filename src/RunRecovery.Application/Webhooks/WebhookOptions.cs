namespace RunRecovery.Application.Webhooks;

/// <summary>Webhook rules, bound from <c>RunRecovery:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "RunRecovery:Webhooks";

    public const string HttpClientName = "webhooks";

    /// <summary>Allow loopback, private, link-local and other non-public addresses (development and tests only).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Allow http:// URLs (development and tests only; production webhooks are https).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Delivery attempts before a recommendation's delivery is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 5;
}
