using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Cli;

namespace RunRecovery.Api.Tests.Sync;

/// <summary>`runrecovery sync` against the real service over HTTP: as a child process (watch, kill, restart) and in-process (--once).</summary>
public sealed class SyncCliTests(SyncHost host) : IClassFixture<SyncHost>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runrecovery-sync-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Folder => Path.Combine(_root, "GARMIN", "Activity");

    private string StatePath => Path.Combine(_root, "state", "sync.json");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Watches_a_folder_survives_a_kill_and_the_restart_sends_only_what_was_not_sent()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Directory.CreateDirectory(Folder);
        string server = host.Client.BaseAddress!.ToString();
        string[] names = [.. Enumerable.Range(1, 7).Select(i => $"run-{i}.fit")];

        HashSet<string> sentBeforeKill;
        using (SyncProcess watching = SyncProcess.Start("--server", server, "--key", key, "--watch", Folder, "--state", StatePath, "--interval", "0.2"))
        {
            await watching.WaitForLineAsync(line => line.StartsWith("sync: 0 file(s) already sent; watching", StringComparison.Ordinal), Cancel);

            // Dropped while it runs; 7 files against 3 uploads per 5 s: it must meet a 429 and wait.
            for (int i = 0; i < names.Length; i++)
            {
                await File.WriteAllBytesAsync(Path.Combine(Folder, names[i]), SyntheticRuns.Fit(SyntheticRuns.HoursAgo(10 + (24 * i)), 20), Cancel);
            }

            await watching.WaitForLineAsync(line => line.StartsWith("waiting", StringComparison.Ordinal), Cancel);
            watching.Kill();
            sentBeforeKill = CreatedFiles(watching.Lines);
        }

        // What the state file says was sent is what the killed process reported, and the service stored just those.
        Assert.InRange(sentBeforeKill.Count, 1, names.Length - 1);
        Assert.Equal(sentBeforeKill.Order(), StatedFiles().Order());
        Assert.Equal(sentBeforeKill.Count, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));

        using SyncProcess restart = SyncProcess.Start("--server", server, "--key", key, "--watch", Folder, "--state", StatePath, "--once");
        Assert.Equal(0, await restart.WaitForExitAsync(Cancel));

        HashSet<string> sentAfterRestart = CreatedFiles(restart.Lines);
        Assert.Contains($"sync: {sentBeforeKill.Count} file(s) already sent; scanning {Folder}", restart.Lines);
        Assert.Empty(sentAfterRestart.Intersect(sentBeforeKill));
        Assert.Equal(names.Order(), sentAfterRestart.Union(sentBeforeKill).Order());
        Assert.DoesNotContain(restart.Lines, line => line.StartsWith("duplicate", StringComparison.Ordinal));
        Assert.Equal(names.Length, StatedFiles().Count);
        Assert.Equal(names.Length, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Once_remembers_a_refused_file_and_sends_nothing_the_second_time()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Directory.CreateDirectory(Folder);
        byte[] run = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 20);
        await File.WriteAllBytesAsync(Path.Combine(Folder, "good.fit"), run, Cancel);
        await File.WriteAllBytesAsync(Path.Combine(Folder, "broken.fit"), run[..100], Cancel);
        await File.WriteAllTextAsync(Path.Combine(Folder, "notes.txt"), "not an activity", Cancel);
        string server = host.Client.BaseAddress!.ToString();

        (int first, string firstOutput, string firstError) = Run("sync", "--server", server, "--key", key, "--watch", Folder, "--state", StatePath, "--once");
        (int second, string secondOutput, _) = Run("sync", "--server", server, "--key", key, "--watch", Folder, "--state", StatePath, "--once");

        Assert.Equal("", firstError);
        Assert.Equal(1, first); // the broken file failed
        Assert.Matches(@"failed \(422\) .*broken\.fit", firstOutput);
        Assert.Matches(@"created +.*good\.fit +/api/activities/", firstOutput);
        Assert.Equal(0, second);
        Assert.Equal($"sync: 2 file(s) already sent; scanning {Folder}", secondOutput.Trim());
        using JsonDocument state = JsonDocument.Parse(await File.ReadAllTextAsync(StatePath, Cancel));
        Assert.Equal(["created", "refused"], state.RootElement.GetProperty("files").EnumerateObject().Select(f => f.Value.GetProperty("outcome").GetString()).Order());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task A_state_file_for_another_server_or_a_missing_folder_is_bad_usage()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Directory.CreateDirectory(Folder);
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        await File.WriteAllTextAsync(StatePath, """{"version":1,"server":"http://elsewhere.example/","files":{}}""", Cancel);

        (int exit, _, string error) = Run("sync", "--server", host.Client.BaseAddress!.ToString(), "--key", key, "--watch", Folder, "--state", StatePath, "--once");
        Assert.Equal(CliApp.BadUsage, exit);
        Assert.Contains("records uploads to http://elsewhere.example/", error, StringComparison.Ordinal);

        Assert.Equal(CliApp.BadUsage, Run("sync", "--server", host.Client.BaseAddress!.ToString(), "--key", key, "--watch", Path.Combine(_root, "nope"), "--once").Exit);
    }

    private HashSet<string> StatedFiles()
    {
        using JsonDocument state = JsonDocument.Parse(File.ReadAllText(StatePath));
        return [.. state.RootElement.GetProperty("files").EnumerateObject().Select(f => Path.GetFileName(f.Value.GetProperty("path").GetString()!))];
    }

    private static HashSet<string> CreatedFiles(IEnumerable<string> lines) =>
        [.. lines.Where(line => line.StartsWith("created", StringComparison.Ordinal))
            .Select(line => Path.GetFileName(line["created".Length..].Trim().Split("  ")[0]))];

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
