using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities;
using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.DropFolder;

/// <summary>
/// Watches <see cref="DropFolderOptions.Path"/> and sends every new settled activity file through the same
/// <see cref="UploadActivities"/> command as <c>POST /api/activities</c> (so the same checks, the same SHA-256 and
/// same-activity duplicate detection, the same scoring and webhooks). Remembers what it processed in
/// <see cref="DropFolderState"/>, so a restart resumes where it stopped; a file refused for good is moved aside
/// (<see cref="DropFolderOptions.FailedFolder"/>) with the problem text beside it. A failure that may pass (the
/// database away) is not recorded: the file is tried again at the next scan. Polls rather than waiting for
/// file-system events, which USB, FUSE, cloud-sync and network folders do not deliver reliably.
/// </summary>
public sealed partial class DropFolderService(
    IServiceScopeFactory scopes, IOptions<DropFolderOptions> options, IOptions<UploadOptions> uploads,
    DropFolderStatus status, TimeProvider clock, ILogger<DropFolderService> logger) : BackgroundService
{
    private readonly HashSet<string> _unknownRunners = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        DropFolderOptions settings = options.Value;
        string root = Path.GetFullPath(settings.Path!);
        Directory.CreateDirectory(root);
        DropFolderState state = DropFolderState.Load(root);
        var scanner = new DropFolderScanner(root, settings.Runner, settings.FailedFolder);
        LogWatching(root, string.IsNullOrWhiteSpace(settings.Runner) ? "one subfolder per runner email" : settings.Runner);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (DropCandidate file in scanner.Settled().Where(f => !state.Has(f.Relative, f.Size, f.LastWriteUtc)))
                {
                    await ProcessAsync(root, state, file, stoppingToken);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                LogScanFailed(error, root);
            }

            status.ScanFinished();
            await Task.Delay(settings.ScanInterval, stoppingToken);
        }
    }

    private async Task ProcessAsync(string root, DropFolderState state, DropCandidate file, CancellationToken cancellationToken)
    {
        byte[]? content;
        try
        {
            content = await ReadAsync(file, uploads.Value.MaxFileBytes, cancellationToken);
        }
        catch (IOException)
        {
            return; // still open for writing by another process (a lock), or gone: the next scans see it again
        }

        if (content is null)
        {
            Fail(root, state, file, "", $"too-large: {file.Relative} is larger than the limit of {uploads.Value.MaxFileBytes} bytes.");
            return;
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (state.Get(file.Relative) is { } known && known.Sha256 == sha)
        {
            state.Record(file.Relative, known with { Size = file.Size, LastWriteUtc = file.LastWriteUtc }); // touched, not changed
            return;
        }

        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        RunRecoveryDb db = scope.ServiceProvider.GetRequiredService<RunRecoveryDb>();
        Guid? runnerId = await db.Runners.Where(r => r.Email == file.RunnerEmail).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (runnerId is null)
        {
            if (_unknownRunners.Add(file.RunnerEmail))
            {
                LogUnknownRunner(file.RunnerEmail, file.Relative);
            }

            return; // left in place: the runner may sign up later
        }

        IReadOnlyList<IngestResult> results;
        try
        {
            results = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
                new UploadActivities(runnerId.Value, [new UploadedFile(Path.GetFileName(file.FullPath), content)]), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUploadFailed(error, file.Relative); // not recorded: tried again at the next scan
            return;
        }

        var stored = results.Where(r => r.Outcome is IngestOutcome.Created or IngestOutcome.Duplicate).ToList();
        if (stored.Count == 0)
        {
            Fail(root, state, file, sha, string.Join("\n", results.Select(r => $"{r.Error?.Code}: {r.Error?.Message}")));
            return;
        }

        string outcome = stored.Any(r => r.Outcome == IngestOutcome.Created) ? "created" : "duplicate";
        Guid[] ids = [.. stored.Select(r => r.Activity?.Id ?? r.DuplicateOf).OfType<Guid>()];
        string? problems = stored.Count == results.Count ? null : string.Join("\n", results.Where(r => r.Error is not null).Select(r => $"{r.FileName}: {r.Error!.Code}: {r.Error.Message}"));
        state.Record(file.Relative, new DropFolderEntry(file.Size, file.LastWriteUtc, sha, outcome, ids, problems, clock.GetUtcNow()));
        status.Add(new DropFolderEvent(file.Relative, outcome, problems));
        LogProcessed(outcome, file.Relative, ids.Length == 0 ? "" : $"/api/activities/{ids[0]}");
    }

    /// <summary>The whole file, opened so that a writer holding it exclusively makes this throw; null when it is over the limit.</summary>
    private static async Task<byte[]?> ReadAsync(DropCandidate file, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        if (stream.Length > maxBytes)
        {
            return null;
        }

        byte[] content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    /// <summary>Moves the file aside (or leaves it, when no failed folder is set) with its problem text beside it, and records it.</summary>
    private void Fail(string root, DropFolderState state, DropCandidate file, string sha, string problem)
    {
        string target = file.FullPath;
        if (DropFolderFailures.MoveAside(root, options.Value.FailedFolder, file) is { } moved)
        {
            target = moved;
        }

        File.WriteAllText(target + ".problem.txt", $"{file.Relative}\n{problem}\n");
        state.Record(file.Relative, new DropFolderEntry(file.Size, file.LastWriteUtc, sha, "failed", [], problem, clock.GetUtcNow()));
        status.Add(new DropFolderEvent(file.Relative, "failed", problem));
        LogFailed(file.Relative, problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop folder: watching {Root} ({Runners})")]
    private partial void LogWatching(string root, string runners);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop folder: {Outcome} {Relative} {Link}")]
    private partial void LogProcessed(string outcome, string relative, string link);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop folder: failed {Relative}: {Problem}")]
    private partial void LogFailed(string relative, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop folder: no runner has the email {Email}; {Relative} and the rest of that folder wait")]
    private partial void LogUnknownRunner(string email, string relative);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop folder: {Relative} could not be stored now; it is tried again at the next scan")]
    private partial void LogUploadFailed(Exception error, string relative);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop folder: scanning {Root} failed; trying again at the next scan")]
    private partial void LogScanFailed(Exception error, string root);
}
