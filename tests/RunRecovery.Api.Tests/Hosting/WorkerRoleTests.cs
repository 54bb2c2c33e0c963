using System.Net;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class WorkerRoleTests(WorkerServer worker) : IClassFixture<WorkerServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Worker_is_ready_but_serves_no_api_docs_or_dashboard()
    {
        using HttpResponseMessage ready = await worker.Client.GetAsync("/health/ready", Cancel);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        foreach (string path in new[] { "/api/runners/me", "/docs", "/openapi/v1.json", "/hangfire" })
        {
            using HttpResponseMessage response = await worker.Client.GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Worker_registers_a_hangfire_server_in_the_shared_storage()
    {
        // The worker announces itself in hangfire.server within its first heartbeat; poll with a bound.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        await using var connection = new Npgsql.NpgsqlConnection(worker.ConnectionString);
        await connection.OpenAsync(Cancel);
        while (true)
        {
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
            if ((long)(await command.ExecuteScalarAsync(deadline.Token))! > 0)
            {
                return;
            }

            await Task.Delay(200, deadline.Token);
        }
    }
}
