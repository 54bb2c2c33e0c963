using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunRecovery.Application.Webhooks;

/// <summary>
/// One signed POST to a runner's webhook, for every kind of delivery: the address rules at delivery time, the
/// <see cref="WebhookSignature"/> and delivery headers, the 10 s client. Null when the webhook answered 2xx,
/// otherwise why not: the receiver's HTTP status or <see cref="Unreachable"/>, one text whether the port was closed,
/// filtered or open without HTTP, or TLS failed, so a webhook URL cannot be used to scan ports. The precise reason
/// goes to the service's log for its operator.
/// </summary>
public sealed class WebhookPost(IHttpClientFactory http, IOptions<WebhookOptions> options, ILogger<WebhookPost> logger)
{
    public const string Unreachable = "The webhook could not be reached, or did not answer within 10 s.";

    public WebhookOptions Options => options.Value;

    public async Task<string?> SendAsync(string url, string secret, string delivery, byte[] body, CancellationToken cancellationToken)
    {
        if (await WebhookUrlRules.CheckAsync(url, options.Value, cancellationToken) is { } refused)
        {
            return refused;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery);
        try
        {
            using HttpClient client = http.CreateClient(WebhookOptions.HttpClientName);
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"The webhook answered {(int)response.StatusCode}.";
        }
        catch (HttpRequestException failure)
        {
            logger.LogInformation("Webhook delivery {Delivery} failed: {Reason}", delivery, failure.GetBaseException().Message);
            return Unreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Webhook delivery {Delivery} timed out", delivery);
            return Unreachable;
        }
    }
}
