using System.Net;
using System.Net.Sockets;
using RunRecovery.Api.Database;
using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Database;

public sealed class DatabaseStartupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unreachable_server_gives_one_line_naming_it_without_the_password()
    {
        int closedPort = ClosedLoopbackPort();
        string connectionString = $"Host=127.0.0.1;Port={closedPort};Database=rr;Username=runner;Password=s3cret-password;Timeout=3";

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(() => StartAsync(connectionString));

        Assert.Contains($"127.0.0.1;Port={closedPort}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_malformed_connection_string_gives_one_line()
    {
        var error = await Assert.ThrowsAsync<DatabaseStartupException>(() => StartAsync("this is not a connection string"));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static async Task StartAsync(string connectionString)
    {
        await using RunRecoveryService service = await RunRecoveryService.CreateAsync(
            StartupCommand.Parse([$"--ConnectionStrings:RunRecovery={connectionString}", "--Logging:LogLevel:Default=None"]), Cancel);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
