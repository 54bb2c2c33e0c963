using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Database;

/// <summary>
/// scripts/backup-restore.sh against a database populated through the real API: the restore must match, the printed
/// counts must be what the test stored, and a damaged restore must be caught.
/// </summary>
public sealed partial class BackupRestoreTests(RunnerHost host, TestPostgres postgres) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restore_of_a_populated_database_matches_and_a_damaged_restore_is_caught()
    {
        Assert.SkipUnless(await DumpToolIsRecentEnoughAsync(), "pg_dump is older than the test server (pg_dump must be at least the server's major version).");
        var files = new Dictionary<Guid, byte[]>();
        for (int runner = 0; runner < 3; runner++)
        {
            (_, string key) = await host.CreateRunnerAsync();
            for (int run = 0; run < 2; run++)
            {
                byte[] fit = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(20 + (runner * 48) + (run * 24)), 20 + run);
                files[await UploadTests.CreatedIdAsync(await host.UploadAsync(key, fit))] = fit;
            }

            byte[] gpx = SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(6 + runner), 25);
            files[await UploadTests.CreatedIdAsync(await host.UploadAsync(key, gpx, "application/gpx+xml", "evening.gpx"))] = gpx;
            if (runner == 0)
            {
                foreach (int soreness in new[] { 3, 5 })
                {
                    using HttpResponseMessage checkin = await host.SendAsync(
                        HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), bodyPart = "calves", soreness }));
                    checkin.EnsureSuccessStatusCode();
                }
            }
        }

        long jobs = await host.ScalarAsync("SELECT count(*) FROM hangfire.job");
        Assert.True(jobs > 0, "uploads enqueue scoring jobs");
        string target = $"rr_restore_{Guid.NewGuid():N}"[..30];
        string targetConnection = new NpgsqlConnectionStringBuilder(host.ConnectionString) { Database = target }.ConnectionString;
        try
        {
            (int exit, string output) = await RunScriptAsync("--keep", "--target", target, host.ConnectionString);

            Assert.True(exit == 0, output);
            Dictionary<string, (string Source, string Restored, string Result)> rows = Rows(output);
            Assert.Equal(("3", "3", "ok"), rows["runrecovery.runners"]);
            Assert.Equal(("9", "9", "ok"), rows["runrecovery.activities"]);
            Assert.Equal(("9", "9", "ok"), rows["runrecovery.activity_contents"]);
            Assert.Equal(("2", "2", "ok"), rows["runrecovery.checkins"]);
            Assert.Equal((jobs.ToString(), jobs.ToString(), "ok"), rows["hangfire.job"]);
            Assert.Equal(("9", "9", "ok"), rows["activity-files/count"]);
            string md5 = ExpectedFilesChecksum(files)[..16];
            Assert.Equal((md5, md5, "ok"), rows["activity-files/md5-of-md5s"]);
            Assert.All(rows.Values, row => Assert.Equal("ok", row.Result));
            Assert.Contains("RESULT: OK", output, StringComparison.Ordinal);

            // Damage the restore: one check-in lost, one file's bytes changed. --verify-only must say so and fail.
            await ExecuteAsync(targetConnection, "DELETE FROM runrecovery.checkins WHERE id = (SELECT id FROM runrecovery.checkins LIMIT 1)");
            await ExecuteAsync(targetConnection, "UPDATE runrecovery.activity_contents SET content = content || '\\x00'::bytea WHERE activity_id = (SELECT activity_id FROM runrecovery.activity_contents LIMIT 1)");

            (int damagedExit, string damagedOutput) = await RunScriptAsync("--verify-only", target, host.ConnectionString);

            Assert.True(damagedExit == 1, damagedOutput);
            Dictionary<string, (string Source, string Restored, string Result)> damaged = Rows(damagedOutput);
            Assert.Equal(("2", "1", "MISMATCH"), damaged["runrecovery.checkins"]);
            Assert.Equal("MISMATCH", damaged["activity-files/md5-of-md5s"].Result);
            Assert.Equal("ok", damaged["runrecovery.activities"].Result);
        }
        finally
        {
            await postgres.DropDatabaseAsync(targetConnection);
        }
    }

    /// <summary>What the script computes: md5 of the concatenated md5 hex of each file, ordered by activity id (uuid order is the text order).</summary>
    // MD5 here is the script's change detector (PostgreSQL's built-in md5()), not a security control.
#pragma warning disable CA5351
    private static string ExpectedFilesChecksum(Dictionary<Guid, byte[]> files)
    {
        string concatenated = string.Concat(files.OrderBy(f => f.Key.ToString("D"), StringComparer.Ordinal).Select(f => Convert.ToHexStringLower(MD5.HashData(f.Value))));
        return Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(concatenated)));
    }
#pragma warning restore CA5351

    private static Dictionary<string, (string, string, string)> Rows(string output) =>
        RowPattern().Matches(output).ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value));

    [GeneratedRegex(@"^(\S+)\s+(\S+)\s+(\S+)\s+(ok|MISMATCH)$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    private static Task<(int Exit, string Output)> RunScriptAsync(params string[] arguments) =>
        RunAsync("bash", [Path.Combine(RepositoryRoot(), "scripts", "backup-restore.sh"), .. arguments]);

    private async Task<bool> DumpToolIsRecentEnoughAsync()
    {
        long server = await host.ScalarAsync("SELECT current_setting('server_version_num')::int / 10000");
        (int exit, string output) = await RunAsync("bash", "-c", "command -v pg_dump >/dev/null && pg_dump --version || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1 | xargs -I{} {}/pg_dump --version");
        Match version = Regex.Match(output, @"\) (\d+)");
        return exit == 0 && version.Success && int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= server;
    }

    /// <summary>Runs a program; the output is its standard output followed by its standard error.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(Cancel);
        Task<string> stderr = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancel));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunRecovery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RunRecovery.sln not found above the test binaries.");
    }
}
