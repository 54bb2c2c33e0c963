using System.Globalization;
using System.Security.Cryptography;
using RunRecovery.Cli.Upload;

namespace RunRecovery.Cli.Sync;

/// <summary>
/// Scans the watched folders, uploads each new file through <see cref="UploadRun.UploadOneAsync"/> (the upload
/// command's client and 429 back-off) and records it in <see cref="SyncState"/>. Watching polls (every
/// <see cref="SyncSettings.Interval"/>) rather than trusting file-system events, which USB, FUSE and cloud-synced
/// folders do not deliver reliably; a file is sent once its size and time stayed the same over one interval, so a
/// file still being copied is not sent half-written.
/// </summary>
public static class SyncRun
{
    private static readonly string[] Extensions = [".fit", ".gpx", ".tcx", ".gz", ".zip"];

    public static async Task<int> RunAsync(SyncSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        using HttpClient? http = await ServiceClient.OpenAsync("sync", settings.Server, settings.Key, TimeSpan.FromMinutes(5), error);
        if (http is null)
        {
            return CliApp.BadUsage;
        }

        foreach (string folder in settings.Folders.Where(f => !Directory.Exists(f)))
        {
            await error.WriteLineAsync($"runrecovery sync: {folder}: no such folder");
            return CliApp.BadUsage;
        }

        SyncState state;
        try
        {
            state = SyncState.Load(settings.StatePath, http.BaseAddress!.ToString());
        }
        catch (InvalidDataException failure)
        {
            await error.WriteLineAsync($"runrecovery sync: {failure.Message}");
            return CliApp.BadUsage;
        }

        await Line(output, $"sync: {state.Count} file(s) already sent; {(settings.Once ? "scanning" : "watching")} {string.Join(", ", settings.Folders)}");
        var seen = new Dictionary<string, Observed>(StringComparer.Ordinal);
        bool anyFailed = false;
        try
        {
            while (true)
            {
                foreach (string file in Scan(settings.Folders))
                {
                    var info = new FileInfo(file);
                    if (!info.Exists)
                    {
                        continue;
                    }

                    var now = new Observed(info.Length, info.LastWriteTimeUtc, null);
                    bool stable = seen.TryGetValue(file, out Observed before) && before.Length == now.Length && before.Written == now.Written;
                    seen[file] = stable ? before : now;
                    if (!stable && !settings.Once)
                    {
                        continue; // seen for the first time or still changing: look again next scan
                    }

                    string sha256 = seen[file].Sha256 ?? await HashAsync(file, cancellationToken);
                    seen[file] = seen[file] with { Sha256 = sha256 };
                    if (!state.WasSent(sha256))
                    {
                        anyFailed |= !await SendAsync(http, file, sha256, state, output, cancellationToken);
                    }
                }

                if (settings.Once)
                {
                    return anyFailed ? CliApp.SomeInputFailed : CliApp.Success;
                }

                await Task.Delay(settings.Interval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Line(output, "sync: stopped");
            return CliApp.Success;
        }
    }

    /// <summary>Sends one file and records it unless the failure may pass (no answer, 401/403/408/429, 5xx); false when it failed.</summary>
    private static async Task<bool> SendAsync(HttpClient http, string file, string sha256, SyncState state, TextWriter output, CancellationToken cancellationToken)
    {
        IReadOnlyList<UploadFileResult> results = await UploadRun.UploadOneAsync(
            http, file, cancellationToken, wait => Line(output, $"waiting  {file}: the service is busy (429); retrying in {Seconds(wait)} s"));
        foreach (UploadFileResult result in results)
        {
            string status = result.Status is { } s && result.Outcome == "failed" ? $" ({s})" : "";
            await Line(output, $"{result.Outcome + status,-9} {result.File}  {result.Detail}");
        }

        bool transient = results.Any(r => r.Outcome == "failed" && r.Status is null or 401 or 403 or 408 or 429 or >= 500);
        if (!transient)
        {
            UploadFileResult first = results[0];
            string outcome = results.Any(r => r.Outcome == "failed") ? "refused" : first.Outcome;
            state.Record(sha256, new SentFile(file, outcome, first.Status, first.Detail, DateTimeOffset.UtcNow));
        }

        return results.All(r => r.Outcome != "failed");
    }

    private static IEnumerable<string> Scan(IReadOnlyList<string> folders) => folders
        .SelectMany(folder => Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            : [])
        .Where(file => Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
        .Order(StringComparer.Ordinal);

    private static async Task<string> HashAsync(string file, CancellationToken cancellationToken)
    {
        await using FileStream stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static async Task Line(TextWriter output, string line)
    {
        await output.WriteLineAsync(line);
        await output.FlushAsync();
    }

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private readonly record struct Observed(long Length, DateTime Written, string? Sha256);
}
