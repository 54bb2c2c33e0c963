using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Hosting;

/// <summary>
/// Job classes moved namespace in the restructuring (docs/decisions/application-structure.md). A job Hangfire stored
/// under the former name, before an upgrade, must still run afterwards, not fail with "could not load type".
/// </summary>
public sealed class MovedJobTypesTests(TestPostgres postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scoring_job_stored_under_its_former_namespace_runs_after_the_upgrade()
    {
        string connectionString = await postgres.CreateDatabaseAsync(Cancel);
        try
        {
            string jobId;
            (RunRecoveryService api, HttpClient apiClient) = await ApiServer.StartAsync(connectionString, ServiceRole.Api, [], Cancel);
            await using (api)
            using (apiClient)
            {
                IBackgroundJobClient jobs = api.App.Services.GetRequiredService<IBackgroundJobClient>();
                jobId = jobs.Enqueue<ScoreRunnerJob>(job => job.RunAsync(Guid.NewGuid(), CancellationToken.None));
            }

            // As an older release wrote it: the class under its former namespace.
            int rewritten = await ExecuteAsync(
                connectionString,
                "UPDATE hangfire.job SET invocationdata = replace(invocationdata::text, 'RunRecovery.Application.Rescoring.ScoreRunnerJob', "
                + $"'RunRecovery.Application.Scoring.ScoreRunnerJob')::jsonb WHERE id = {long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture)}");
            Assert.Equal(1, rewritten);
            Assert.Contains("RunRecovery.Application.Scoring.ScoreRunnerJob", await StateOfAsync(connectionString, jobId, "invocationdata::text"));

            (RunRecoveryService worker, HttpClient workerClient) = await ApiServer.StartAsync(connectionString, ServiceRole.Worker, [], Cancel);
            await using (worker)
            using (workerClient)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
                deadline.CancelAfter(TimeSpan.FromSeconds(60));
                string state;
                while ((state = await StateOfAsync(connectionString, jobId, "statename")) is not ("Succeeded" or "Failed"))
                {
                    await Task.Delay(100, deadline.Token);
                }

                Assert.Equal("Succeeded", state);
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<string> StateOfAsync(string connectionString, string jobId, string column)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand($"SELECT coalesce({column}, '') FROM hangfire.job WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture));
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
