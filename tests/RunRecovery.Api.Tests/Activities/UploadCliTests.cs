using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Cli;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>`runrecovery upload` run in-process against the real service over HTTP.</summary>
public sealed class UploadCliTests(RunnerHost host) : IClassFixture<RunnerHost>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runrecovery-upload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Uploads_a_folder_reports_created_duplicate_and_failed_and_exits_1()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] run = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(10), 20);
        Directory.CreateDirectory(Path.Combine(_folder, "watch"));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "watch", "a.fit"), run, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "watch", "b.fit"), SyntheticRuns.Fit(SyntheticRuns.HoursAgo(40), 20), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "watch", "broken.fit"), run[..100], TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_folder, "watch", "notes.txt"), "ignored: not an activity extension", TestContext.Current.CancellationToken);
        string copy = Path.Combine(_folder, "copy-of-a.fit");
        await File.WriteAllBytesAsync(copy, run, TestContext.Current.CancellationToken);

        // Sequential so that "a" is stored before its copy arrives.
        (int exit, string output, string error) = Run("upload", "--server", host.Client.BaseAddress!.ToString(), "--key", key, "--parallel", "1",
            Path.Combine(_folder, "watch"), copy);

        Assert.Equal(1, exit);
        Assert.Equal("", error);
        Assert.Contains("[4/4]", output, StringComparison.Ordinal);
        Assert.Contains("2 created, 1 duplicate, 1 failed", output, StringComparison.Ordinal);
        Assert.Matches("broken\\.fit.*failed \\(422\\)", output);
        Assert.Equal(2, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Exits_0_when_every_file_is_stored()
    {
        (_, string key) = await host.CreateRunnerAsync();
        string file = Path.Combine(_folder, "one.fit");
        await File.WriteAllBytesAsync(file, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(12), 15), TestContext.Current.CancellationToken);

        (int exit, string output, _) = Run("upload", "--server", host.Client.BaseAddress!.ToString(), "--key", key, file);

        Assert.Equal(0, exit);
        Assert.Contains("created", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_or_key_is_bad_usage()
    {
        Assert.Equal(2, Run("upload", "--server", "http://127.0.0.1:1", "--key", "rr_x", Path.Combine(_folder, "nope.fit")).Exit);
        Assert.Equal(2, Run("upload", "--server", "http://127.0.0.1:1", _folder).Exit);
    }

    [Fact]
    public async Task A_wrong_key_fails_every_file()
    {
        string file = Path.Combine(_folder, "one.fit");
        await File.WriteAllBytesAsync(file, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(12), 5), TestContext.Current.CancellationToken);

        (int exit, string output, _) = Run("upload", "--server", host.Client.BaseAddress!.ToString(), "--key", "rr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", file);

        Assert.Equal(1, exit);
        Assert.Contains("failed (401)", output, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
