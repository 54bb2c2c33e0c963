using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.DropFolder;

namespace RunRecovery.Api.Tests.DropFolder;

/// <summary>
/// Issue 15: the server-side drop folder, end to end with the real host: files dropped while it runs (one still held
/// open by its writer), a bad file, a copy, a folder for an unknown runner, and a restart that resumes.
/// </summary>
public sealed class DropFolderTests(TestPostgres postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"rr-drop-{Guid.NewGuid():N}");
    private string _connectionString = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync(Cancel);
        Directory.CreateDirectory(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await postgres.DropDatabaseAsync(_connectionString);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Files_dropped_while_it_runs_are_stored_once_bad_ones_moved_aside_and_a_restart_resumes()
    {
        (RunRecoveryService service, HttpClient client) = await StartAsync([]);
        string key;
        string runnerFolder;
        try
        {
            (string email, key) = await CreateRunnerAsync(client);
            runnerFolder = Path.Combine(_folder, email.ToUpperInvariant(), "GARMIN", "Activity"); // emails match in any case
            Directory.CreateDirectory(runnerFolder);
            string stranger = Path.Combine(_folder, "nobody@example.org");
            Directory.CreateDirectory(stranger);
            await File.WriteAllBytesAsync(Path.Combine(stranger, "x.fit"), SyntheticRuns.Fit(SyntheticRuns.HoursAgo(80), 20), Cancel);
            DropFolderStatus status = service.App.Services.GetRequiredService<DropFolderStatus>();

            // A whole file.
            await File.WriteAllBytesAsync(Path.Combine(runnerFolder, "a.fit"), SyntheticRuns.Fit(SyntheticRuns.HoursAgo(50), 30), Cancel);
            Assert.Equal("created", (await WaitForAsync(status, "a.fit")).Outcome);

            // A file still being written, held open exclusively by its writer: not taken while it is open, even when
            // its size stays the same for several scans.
            byte[] second = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(26), 40);
            await using (var writer = new FileStream(Path.Combine(runnerFolder, "b.fit"), FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await writer.WriteAsync(second.AsMemory(0, second.Length / 2), Cancel);
                await writer.FlushAsync(Cancel);
                int scans = status.Scans;
                await WaitAsync(() => status.Scans >= scans + 4, "four scans");
                Assert.DoesNotContain(status.Processed, e => e.Relative.EndsWith("b.fit", StringComparison.Ordinal));
                await writer.WriteAsync(second.AsMemory(second.Length / 2), Cancel);
            }

            Assert.Equal("created", (await WaitForAsync(status, "b.fit")).Outcome);

            // The same bytes under another name: the ingest path's SHA-256 check answers duplicate.
            File.Copy(Path.Combine(runnerFolder, "a.fit"), Path.Combine(runnerFolder, "a-copy.fit"));
            Assert.Equal("duplicate", (await WaitForAsync(status, "a-copy.fit")).Outcome);

            // A bad file is moved to .failed (same relative path) with the problem beside it.
            await File.WriteAllTextAsync(Path.Combine(runnerFolder, "bad.fit"), "this is not a FIT file <&>", Cancel);
            DropFolderEvent bad = await WaitForAsync(status, "bad.fit");
            Assert.Equal("failed", bad.Outcome);
            string failed = Path.Combine(_folder, ".failed", Path.GetRelativePath(_folder, runnerFolder), "bad.fit");
            Assert.False(File.Exists(Path.Combine(runnerFolder, "bad.fit")));
            Assert.True(File.Exists(failed));
            Assert.Contains("unsupported-format", await File.ReadAllTextAsync(failed + ".problem.txt", Cancel), StringComparison.Ordinal);

            Assert.Equal(2, await CountActivitiesAsync(client, key));
            Assert.True(File.Exists(Path.Combine(stranger, "x.fit"))); // an unknown runner's files wait where they are
            Assert.DoesNotContain(status.Processed, e => e.Relative.EndsWith("x.fit", StringComparison.Ordinal));
        }
        finally
        {
            client.Dispose();
            await service.DisposeAsync();
        }

        // Stopped: a file arrives. Started again: only the new file is processed; the state says the rest was done.
        await File.WriteAllBytesAsync(Path.Combine(runnerFolder, "c.gpx"), SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(5), 25), Cancel);
        (service, client) = await StartAsync([]);
        try
        {
            DropFolderStatus status = service.App.Services.GetRequiredService<DropFolderStatus>();
            Assert.Equal("created", (await WaitForAsync(status, "c.gpx")).Outcome);
            int scans = status.Scans;
            await WaitAsync(() => status.Scans >= scans + 3, "three more scans");
            Assert.Equal(["c.gpx"], status.Processed.Select(e => Path.GetFileName(e.Relative)));
            Assert.Equal(3, await CountActivitiesAsync(client, key));
        }
        finally
        {
            client.Dispose();
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_one_runner_configured_the_whole_folder_is_that_runners()
    {
        (RunRecoveryService first, HttpClient firstClient) = await StartAsync([]);
        string email;
        string key;
        try
        {
            (email, key) = await CreateRunnerAsync(firstClient);
        }
        finally
        {
            firstClient.Dispose();
            await first.DisposeAsync();
        }

        (RunRecoveryService service, HttpClient client) = await StartAsync([$"--RunRecovery:DropFolder:Runner={email}"]);
        try
        {
            DropFolderStatus status = service.App.Services.GetRequiredService<DropFolderStatus>();
            Directory.CreateDirectory(Path.Combine(_folder, "Suunto"));
            await File.WriteAllBytesAsync(Path.Combine(_folder, "Suunto", "run.FIT"), SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 30), Cancel);

            Assert.Equal("created", (await WaitForAsync(status, "run.FIT")).Outcome);
            Assert.Equal(1, await CountActivitiesAsync(client, key));
        }
        finally
        {
            client.Dispose();
            await service.DisposeAsync();
        }
    }

    private Task<(RunRecoveryService Service, HttpClient Client)> StartAsync(string[] settings) =>
        ApiServer.StartAsync(_connectionString, ServiceRole.Api,
            [$"--RunRecovery:DropFolder:Path={_folder}", "--RunRecovery:DropFolder:ScanInterval=00:00:00.100", .. settings], Cancel);

    private static async Task<(string Email, string Key)> CreateRunnerAsync(HttpClient client)
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/runners", new { name = "Runner", email, timeZone = "UTC" }, Cancel);
        response.EnsureSuccessStatusCode();
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (email, body.GetProperty("apiKey").GetString()!);
    }

    private static async Task<int> CountActivitiesAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/activities?limit=100");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using HttpResponseMessage response = await client.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("items").GetArrayLength();
    }

    private static async Task<DropFolderEvent> WaitForAsync(DropFolderStatus status, string fileName)
    {
        DropFolderEvent? found = null;
        await WaitAsync(() => (found = status.Processed.FirstOrDefault(e => Path.GetFileName(e.Relative) == fileName)) is not null, fileName);
        return found!;
    }

    /// <summary>Waits for the service to get there; the limit only turns a hang into a failure, it asserts no speed.</summary>
    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, $"The drop folder never got to: {what}.");
            await Task.Delay(50, Cancel);
        }
    }
}
