using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// Issue 19 point 7, slow bodies: a body that trickles in is not held indefinitely. Kestrel's minimum data rate stops
/// one slower than RunRecovery:Http:MinRequestBodyBytesPerSecond; the body deadline stops one that keeps just above it.
/// The client is a raw socket that sends a few bytes at a time and stops as soon as an answer arrives; each test
/// asserts the 408 and that the body never finished, never how long anything took.
/// </summary>
public sealed class SlowBodyTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_json_body_trickling_above_the_minimum_rate_is_cut_off_at_the_deadline_with_408()
    {
        // Kestrel's old minimum (240 B/s) so that only the deadline can stop a 500 B/s trickle.
        await using Host host = await StartAsync("--RunRecovery:Http:MinRequestBodyBytesPerSecond=240", "--RunRecovery:Http:RequestBodyTimeout=00:00:02");
        string batch = Guid.NewGuid().ToString("N");

        (string status, long sent, long length) = await TrickleAsync(
            host.BaseAddress, $"POST /api/runners HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n", $"{{\"name\":\"{batch}\",\"email\":\"{batch}@example.org\",\"note\":\"", 20_000, bytesPerTick: 50);

        Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        Assert.True(sent < length, $"the whole body ({length} bytes) was sent before the answer");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.runners WHERE email = $1", $"{batch}@example.org"));
    }

    [Fact]
    public async Task A_body_trickling_below_the_minimum_rate_is_cut_off_with_408()
    {
        // The default minimum (1 KiB/s) against 500 B/s; the deadline is far away.
        await using Host host = await StartAsync("--RunRecovery:Http:RequestBodyTimeout=00:10:00");

        (string status, long sent, long length) = await TrickleAsync(
            host.BaseAddress, "POST /api/runners HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n", "{\"name\":\"", 50_000, bytesPerTick: 50);

        Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        Assert.True(sent < length);
    }

    [Fact]
    public async Task An_upload_trickling_past_the_large_body_deadline_is_cut_off_with_408_and_stores_nothing()
    {
        await using Host host = await StartAsync("--RunRecovery:Http:MinRequestBodyBytesPerSecond=240", "--RunRecovery:Http:LargeRequestBodyTimeout=00:00:02");
        string key = await host.CreateRunnerAsync();

        (string status, long sent, long length) = await TrickleAsync(
            host.BaseAddress,
            $"POST /api/activities HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\nContent-Type: application/vnd.ant.fit\r\n",
            "",
            2_000_000,
            bytesPerTick: 100);

        Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        Assert.True(sent < length);
        Assert.Equal(0, await host.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activities a JOIN runrecovery.runners r ON r.id = a.runner_id WHERE r.api_key_hash = $1",
            RunRecovery.Application.Authentication.ApiKey.Hash(key)));
    }

    /// <summary>
    /// Sends the head with a Content-Length of <paramref name="length"/>, then <paramref name="bytesPerTick"/> bytes every
    /// 100 ms (the prefix first, then spaces) until an answer arrives; the answer's status line and the bytes sent.
    /// </summary>
    private static async Task<(string Status, long Sent, long Length)> TrickleAsync(Uri service, string head, string prefix, int length, int bytesPerTick)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(service.Host, service.Port, Cancel);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head}Content-Length: {length}\r\n\r\n"), Cancel);

        byte[] body = Encoding.ASCII.GetBytes(prefix.PadRight((int)length));
        byte[] answer = new byte[4096];
        Task<int> reading = stream.ReadAsync(answer, Cancel).AsTask();
        long sent = 0;

        // Bounded: at these rates the whole body would take minutes; an answer that never came would fail the asserts.
        for (int tick = 0; tick < 600 && !reading.IsCompleted && sent < length; tick++)
        {
            int count = (int)Math.Min(bytesPerTick, length - sent);
            try
            {
                await stream.WriteAsync(body.AsMemory((int)sent, count), Cancel);
            }
            catch (IOException)
            {
                break; // the server closed the connection; its answer is already on the way
            }

            sent += count;
            await Task.WhenAny(reading, Task.Delay(100, Cancel));
        }

        int read = await reading.WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        string text = Encoding.ASCII.GetString(answer, 0, read);
        return (text.Split("\r\n")[0], sent, length);
    }

    private async Task<Host> StartAsync(params string[] settings)
    {
        (RunRecoveryService service, HttpClient client) = await ApiServer.StartAsync(server.ConnectionString, ServiceRole.Api, settings, Cancel);
        return new Host(service, client, server.ConnectionString);
    }

    private sealed class Host(RunRecoveryService service, HttpClient client, string connectionString) : IAsyncDisposable
    {
        public Uri BaseAddress => service.BaseAddress;

        public async Task<string> CreateRunnerAsync()
        {
            using HttpResponseMessage created = await client.PostAsync(
                "/api/runners",
                new StringContent($"{{\"name\":\"Slow\",\"email\":\"{Guid.NewGuid():N}@example.org\",\"timeZone\":\"UTC\"}}", Encoding.UTF8, "application/json"),
                Cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("apiKey").GetString()!;
        }

        public async Task<long> ScalarAsync(string sql, object parameter)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Cancel);
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
            return (long)(await command.ExecuteScalarAsync(Cancel))!;
        }

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await service.DisposeAsync();
        }
    }
}
