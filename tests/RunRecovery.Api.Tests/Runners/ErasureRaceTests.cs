using System.Net;
using System.Text.Json;
using Npgsql;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Fit.Encoding;

namespace RunRecovery.Api.Tests.Runners;

/// <summary>
/// An upload whose runner is erased while it runs: the erasure's transaction holds the runner's row, the upload's
/// first write waits on it, and when the erasure commits the upload's foreign key has nothing to point at. The
/// answer is a 409 problem and nothing is stored, not a 500.
/// </summary>
public sealed class ErasureRaceTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_racing_the_runners_erasure_answers_409_and_stores_nothing()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        await using var eraser = new NpgsqlConnection(host.ConnectionString);
        await eraser.OpenAsync(Cancel);
        await using NpgsqlTransaction erasure = await eraser.BeginTransactionAsync(Cancel);
        await using (var delete = new NpgsqlCommand("DELETE FROM runrecovery.runners WHERE id = $1", eraser, erasure))
        {
            delete.Parameters.AddWithValue(runnerId);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync(Cancel));
        }

        byte[] file = FitActivityWriter.Write(SyntheticRuns.Run(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero), minutes: 20));
        Task<HttpResponseMessage> upload = host.UploadAsync(key, file); // authenticated: the erasure is not committed yet
        await WaitForALockWaitAsync(eraser.ProcessID);
        await erasure.CommitAsync(Cancel);

        using HttpResponseMessage response = await upload;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("concurrent-removal", problem.GetProperty("code").GetString());
        await using var check = new NpgsqlCommand("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", eraser);
        check.Parameters.AddWithValue(runnerId);
        Assert.Equal(0L, (long)(await check.ExecuteScalarAsync(Cancel))!);
    }

    /// <summary>Waits until another backend of this database waits for a lock (the upload, on the runner's row).</summary>
    private async Task WaitForALockWaitAsync(int ownProcessId)
    {
        await using var probe = new NpgsqlConnection(host.ConnectionString);
        await probe.OpenAsync(Cancel);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1", probe);
        query.Parameters.AddWithValue(ownProcessId);
        while ((long)(await query.ExecuteScalarAsync(deadline.Token))! == 0)
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
