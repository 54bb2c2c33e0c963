using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Tests.Hosting;

/// <summary>
/// The scale-out wiring: an api-role process enqueues, a separate worker-role process on the same
/// database runs the job (with its own scoped DbContext), and the api process runs nothing itself.
/// </summary>
public sealed class JobProcessingTests(TestPostgres postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Job_enqueued_by_the_api_role_is_processed_by_a_worker_process()
    {
        string connectionString = await postgres.CreateDatabaseAsync(Cancel);
        try
        {
            await ExecuteAsync(connectionString, "CREATE TABLE public.job_proof (marker text NOT NULL)");
            (RunRecoveryService api, HttpClient apiClient) = await ApiServer.StartAsync(connectionString, ServiceRole.Api, [], Cancel);
            (RunRecoveryService worker, HttpClient workerClient) = await ApiServer.StartAsync(connectionString, ServiceRole.Worker, [], Cancel);
            await using (api)
            await using (worker)
            using (apiClient)
            using (workerClient)
            {
                string marker = Guid.NewGuid().ToString("N");
                IBackgroundJobClient jobs = api.App.Services.GetRequiredService<IBackgroundJobClient>();
                string jobId = jobs.Enqueue<ProofJob>(job => job.RunAsync(marker, CancellationToken.None));

                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
                deadline.CancelAfter(TimeSpan.FromSeconds(60));
                while (await ScalarAsync(connectionString, $"SELECT count(*) FROM public.job_proof WHERE marker = '{marker}'") == 0)
                {
                    await Task.Delay(100, deadline.Token);
                }

                Assert.Equal(1, await ScalarAsync(connectionString, "SELECT count(*) FROM hangfire.server"));
                // Only ProofJob rows: the service's recurring jobs (sweep-unscored, dispatch-due-recommendations) may also run.
                Assert.Equal(jobId, (await ScalarAsync(connectionString, "SELECT max(id) FROM hangfire.job WHERE invocationdata::text LIKE '%ProofJob%'")).ToString());
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel));
    }
}

/// <summary>A job that leaves a visible trace through the worker's own DbContext.</summary>
public sealed class ProofJob(RunRecoveryDb db)
{
    public async Task RunAsync(string marker, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"INSERT INTO public.job_proof (marker) VALUES ({marker})", cancellationToken);
}
