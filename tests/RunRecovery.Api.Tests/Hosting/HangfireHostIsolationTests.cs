using System.Net;
using RunRecovery.Api.Tests.Imports;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Api.Tests.Jobs;

namespace RunRecovery.Api.Tests.Hosting;

/// <summary>
/// Two hosts with job servers in one process, each on its own database. Hangfire's process-wide
/// <c>JobActivator.Current</c> and log provider belong to whichever host configured Hangfire last; each server must
/// still build its jobs from its own host (else a job runs against the other database and finds no runner), and keep
/// working after the other host is disposed.
/// </summary>
public sealed class HangfireHostIsolationTests(TestPostgres postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_hosts_jobs_run_against_its_own_database_and_survive_the_other_host_being_disposed()
    {
        var first = new EndToEndHost(postgres);
        await first.InitializeAsync();
        try
        {
            var second = new EndToEndHost(postgres); // built last: the process-wide Hangfire settings are its own
            await second.InitializeAsync();
            try
            {
                await UploadAndWaitScoredAsync(first, 1);
                await UploadAndWaitScoredAsync(second, 1);
            }
            finally
            {
                await second.DisposeAsync();
            }

            await UploadAndWaitScoredAsync(first, 2); // the host that configured Hangfire last is gone
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    private static async Task UploadAndWaitScoredAsync(RunnerHost host, int day)
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        using (HttpResponseMessage upload = await host.UploadAsync(key, ClubArchive.Fit(day)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND scoring_state = 'scored'", runnerId) == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the host's own scoring job did not score its upload");
            await Task.Delay(100, Cancel);
        }
    }
}
