using System.Net;
using System.Net.Http.Json;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// RunRecovery:SignUpLimit per client address (issue 19 point 7: 100 accounts in 4.1 s from one address). Clients are
/// told apart by X-Forwarded-For from a listed proxy (127.0.0.1), as behind a real proxy.
/// </summary>
public sealed class SignUpLimitTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string Flooder = "198.51.100.40";

    private const string Neighbour = "198.51.100.41";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_ups_past_the_limit_get_429_with_retry_after_and_store_nothing_for_that_address_only()
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(
            server.ConnectionString,
            ServiceRole.Api,
            ["--RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.1", "--RunRecovery:SignUpLimit:PermitLimit=3", "--RunRecovery:SignUpLimit:Window=01:00:00"],
            Cancel);
        await using (service)
        using (client)
        {
            string batch = Guid.NewGuid().ToString("N");
            var statuses = new List<HttpStatusCode>();
            for (int i = 0; i < 6; i++)
            {
                using HttpResponseMessage response = await SignUpAsync(client, $"{batch}-{i}", Flooder);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await response.ReadProblemAsync(HttpStatusCode.TooManyRequests);
                    int retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
                    Assert.InRange(retryAfter, 1, 3600);
                }
            }

            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
            Assert.Equal(3, await CountAsync(batch));

            // Failed attempts count too (a known email answers 409: probing for accounts is limited as well).
            using HttpResponseMessage again = await SignUpAsync(client, $"{batch}-0", Flooder);
            Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);

            using HttpResponseMessage neighbour = await SignUpAsync(client, $"{batch}-n", Neighbour);
            using HttpResponseMessage local = await SignUpAsync(client, $"{batch}-l", forwardedFor: null);
            Assert.Equal(HttpStatusCode.Created, neighbour.StatusCode);
            Assert.Equal(HttpStatusCode.Created, local.StatusCode); // this machine is exempt, as for failed keys
            Assert.Equal(5, await CountAsync(batch));
        }
    }

    private static async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string name, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runners")
        {
            Content = JsonContent.Create(new { name, email = $"{name}@example.org", timeZone = "UTC" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Forwarded-Proto", "https"); // the proxy terminated TLS (else the host redirects to https)
        }

        return await client.SendAsync(request, Cancel);
    }

    private async Task<long> CountAsync(string batch)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM runrecovery.runners WHERE email LIKE $1", connection)
        {
            Parameters = { new() { Value = $"{batch}-%" } },
        };
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
