using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Tests.Webhooks;

/// <summary>Loopback and http allowed so a local listener can receive; two attempts before a delivery counts as failed.</summary>
public sealed class WebhookHost(TestPostgres postgres) : RunnerHost(postgres)
{
    protected override IEnumerable<string> Settings =>
    [
        "--RunRecovery:Webhooks:AllowPrivateAddresses=true",
        "--RunRecovery:Webhooks:AllowHttp=true",
        "--RunRecovery:Webhooks:MaxAttempts=2",
    ];
}

public sealed class WebhookTests(WebhookHost host) : IClassFixture<WebhookHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_due_recommendation_is_posted_signed_with_the_runners_secret_and_recorded_delivered()
    {
        using var listener = new Receiver(HttpStatusCode.OK);
        (Guid runnerId, string key, string secret, JsonElement first) = await RunnerWithDueRecommendationAsync(listener.Url);
        try
        {
            host.Clock.Fixed = first.GetProperty("dueUtc").GetDateTimeOffset().AddMinutes(1);
            Guid[] queued = await DispatchAsync(runnerId);
            Assert.Contains(first.GetProperty("id").GetGuid(), queued);

            foreach (Guid id in queued)
            {
                Assert.Equal("delivered", await DeliverAsync(id));
            }

            Assert.Equal(queued.Length, listener.Received.Count);
            (byte[] body, string? signature) = listener.Received.Single(r => Encoding.UTF8.GetString(r.Body).Contains(first.GetProperty("id").GetString()!, StringComparison.Ordinal));
            string expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
            Assert.Equal(expected, signature);
            JsonElement payload = JsonDocument.Parse(body).RootElement;
            Assert.Equal("recommendation.due", payload.GetProperty("type").GetString());
            Assert.Equal(runnerId, payload.GetProperty("runnerId").GetGuid());
            Assert.Equal(first.GetProperty("kind").GetString(), payload.GetProperty("recommendation").GetProperty("kind").GetString());

            JsonElement after = (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == first.GetProperty("id").GetGuid());
            Assert.Equal("delivered", after.GetProperty("delivery").GetString());

            // Idempotent: delivering again sends nothing, dispatching again queues nothing.
            Assert.Equal("delivered", await DeliverAsync(first.GetProperty("id").GetGuid()));
            Assert.Equal(queued.Length, listener.Received.Count);
            Assert.Empty(await DispatchAsync(runnerId));
        }
        finally
        {
            host.Clock.Fixed = null;
        }
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_then_recorded_failed_after_the_last_attempt()
    {
        using var listener = new Receiver(HttpStatusCode.InternalServerError);
        (Guid runnerId, _, _, JsonElement first) = await RunnerWithDueRecommendationAsync(listener.Url);
        try
        {
            host.Clock.Fixed = first.GetProperty("dueUtc").GetDateTimeOffset().AddMinutes(1);
            await DispatchAsync(runnerId);
            Guid id = first.GetProperty("id").GetGuid();

            // Attempt 1 throws so Hangfire retries it with backoff; attempt 2 is the last (MaxAttempts=2).
            await Assert.ThrowsAsync<WebhookDeliveryException>(() => DeliverAsync(id));
            Assert.Equal("failed", await DeliverAsync(id));

            Assert.Equal(2, listener.Received.Count);
            Assert.Equal(1, await host.ScalarAsync(
                "SELECT count(*) FROM runrecovery.recommendations WHERE id = $1 AND delivery_state = 'failed' AND delivery_attempts = 2 AND delivery_error LIKE '%500%'", id));
        }
        finally
        {
            host.Clock.Fixed = null;
        }
    }

    [Fact]
    public async Task A_delivery_error_does_not_tell_a_closed_port_from_an_open_one()
    {
        // Issue 19 point 7: the recorded error (shown in the runner's export) said "Connection refused" for a closed port
        // and something else for an open one, so a webhook URL could scan ports. Now it is one text; the log has the detail.
        int closed = FreePort();
        using var banner = new TcpListener(IPAddress.Loopback, 0); // open, speaks something else (an SSH banner), hangs up
        using var hangUp = new TcpListener(IPAddress.Loopback, 0);  // open, accepts and closes at once
        banner.Start();
        hangUp.Start();
        Task serving = Task.WhenAll(
            AnswerAsync(banner, "SSH-2.0-OpenSSH_9.6\r\n"u8.ToArray()),
            AnswerAsync(hangUp, []));

        var errors = new List<string>();
        foreach (int port in new[] { closed, Port(banner), Port(hangUp) })
        {
            (Guid runnerId, _, _, JsonElement first) = await RunnerWithDueRecommendationAsync($"http://127.0.0.1:{port}/hook");
            try
            {
                host.Clock.Fixed = first.GetProperty("dueUtc").GetDateTimeOffset().AddMinutes(1);
                await DispatchAsync(runnerId);
                Guid id = first.GetProperty("id").GetGuid();
                await Assert.ThrowsAsync<WebhookDeliveryException>(() => DeliverAsync(id));
                errors.Add(await host.InScopeAsync(async services =>
                    (await services.GetRequiredService<RunRecovery.Application.Persistence.RunRecoveryDb>().Recommendations.FindAsync([id], Cancel))!.DeliveryError!));
            }
            finally
            {
                host.Clock.Fixed = null;
            }
        }

        Assert.All(errors, error => Assert.Equal(DeliverRecommendationHandler.Unreachable, error));
        banner.Stop();
        hangUp.Stop();
        await serving;
    }

    private static async Task AnswerAsync(TcpListener listener, byte[] bytes)
    {
        try
        {
            while (true)
            {
                using TcpClient client = await listener.AcceptTcpClientAsync();
                await client.GetStream().WriteAsync(bytes);
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or IOException)
        {
            // stopped
        }
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return Port(probe);
    }

    private async Task<(Guid RunnerId, string Key, string Secret, JsonElement First)> RunnerWithDueRecommendationAsync(string url)
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { webhookUrl = url }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        string secret = (await put.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("webhookSecret").GetString()!;
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 60, 3.3)));
        await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));
        JsonElement first = (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
            .OrderBy(r => r.GetProperty("dueUtc").GetDateTimeOffset()).First();
        return (runnerId, key, secret, first);
    }

    private async Task<Guid[]> DispatchAsync(Guid runnerId)
    {
        await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new DispatchDueRecommendations(), Cancel));
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT id FROM runrecovery.recommendations WHERE runner_id = $1 AND delivery_state = 'queued'", connection)
        {
            Parameters = { new() { Value = runnerId } },
        };
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }

    private Task<string> DeliverAsync(Guid recommendationId) =>
        host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new DeliverRecommendation(recommendationId), Cancel));
}
