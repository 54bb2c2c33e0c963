using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats.Archives;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Works through an import's archive one entry at a time, in the archive's (deterministic) expansion order.
/// Each entry's outcome is written in the same transaction as the activity it creates (<see cref="ImportEntryWriter"/>),
/// so a run that dies — a crash, a restart, a cancelled token — is continued by the next run from the first entry
/// without a row: none imported twice, none lost. Only one run works on an import at a time (a session advisory
/// lock), and rescoring is held back while the import runs, then requested once per member at the end.
/// With <see cref="ImportOptions.FanOut"/> (the default) the run does not store the activity files itself: it
/// writes them to the import's spool and enqueues one <see cref="ImportMemberJob"/> per member, which any worker
/// process may run; the member job that stores the last file finishes the import.
/// </summary>
public sealed class RunClubImportHandler(
    RunRecoveryDb db,
    ImportEntryWriter writer,
    ImportFinisher finisher,
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<RunClubImportHandler> logger)
    : ICommandHandler<RunClubImport, ImportRunResult>
{
    public async ValueTask<ImportRunResult> Handle(RunClubImport command, CancellationToken cancellationToken)
    {
        Guid importId = command.ImportId;
        // A second run of the same import waits here for the first.
        await using NpgsqlConnection gate = await finisher.LockAsync(ImportFinisher.ImportKey(importId), cancellationToken);

        ClubImport? import = await db.ClubImports.SingleOrDefaultAsync(candidate => candidate.Id == importId, cancellationToken);
        ImportOptions settings = options.Value;
        string path = settings.StoragePath(importId);
        if (import is null || ImportState.IsFinished(import.State))
        {
            File.Delete(path); // cancelled while queued: nothing else will remove it
            return new ImportRunResult(false, import?.State ?? "missing", 0);
        }

        DateTimeOffset now = clock.GetUtcNow();
        import.State = ImportState.Running;
        import.StartedAt ??= now;
        import.HeartbeatAt = now;
        import.Attempts++;
        await db.SaveChangesAsync(cancellationToken);
        if (import.CancelRequested)
        {
            return await finisher.FinishAsync(import, ImportState.Cancelled, 0, cancellationToken);
        }

        if (settings.FanOut && File.Exists(settings.SpoolPath(importId)))
        {
            return await FanOutAsync(import, 0, cancellationToken); // expanded by an earlier run: hand out what is left
        }

        if (!File.Exists(path))
        {
            return await FailAsync(import, "archive-missing", "The uploaded archive is no longer in storage.", 0, cancellationToken);
        }

        ImportLayout layout;
        try
        {
            layout = ImportLayout.Read(path);
        }
        catch (InvalidDataException error)
        {
            return await FailAsync(import, "archive-unreadable", error.Message, 0, cancellationToken);
        }

        import.Layout = layout.Kind;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        ClubRoster roster = await ClubRoster.LoadAsync(db, import.ClubId, cancellationToken);
        HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == importId).Select(entry => entry.Ordinal).ToListAsync(cancellationToken)];
        var progress = new RunProgress(importId, done);
        var cancel = new CancelWatch(importId, settings.ProgressInterval, clock);

        // Manifest rows naming files the archive lacks: reported first, under negative ordinals (their manifest order).
        for (int i = 0; i < layout.MissingFiles.Count; i++)
        {
            if (progress.Done.Contains(-(i + 1)))
            {
                continue;
            }

            ManifestRow row = layout.MissingFiles[i];
            await writer.RecordAsync(progress, -(i + 1), row.File, ImportOutcome.Failed, "missing-file",
                $"{ImportLayout.ManifestName} line {row.Line} names '{row.File}' for '{row.Member}', but the archive holds no such file.", cancellationToken);
        }

        var limits = new ArchiveLimits
        {
            MaxEntries = settings.MaxEntries,
            MaxEntryBytes = settings.MaxEntryBytes,
            MaxTotalBytes = settings.MaxTotalBytes,
            MaxRatio = settings.MaxRatio,

            // Gzip counts as a level for the expander, so one more than the ZIP nesting allowed; ZIP depth is checked per entry.
            MaxNesting = settings.MaxNesting + 1,
        };

        (string Code, string Message)? stop = null;
        ImportSpool.Writer? spool = settings.FanOut ? ImportSpool.Create(settings.SpoolPath(importId)) : null;
        await using (ImportLanes? lanes = spool is null ? new ImportLanes(scopes, progress, cancel, settings.Parallelism, cancellationToken) : null)
        using (spool)
        await using (FileStream archive = File.OpenRead(path))
        {
            Task ToSpool(Guid runner, int number, string entryPath, byte[] content)
            {
                spool!.Add(runner, number, entryPath, content);
                return Task.CompletedTask;
            }

            async Task ToLane(Guid runner, int number, string entryPath, byte[] content)
            {
                if (progress.Held.Add(runner))
                {
                    await writer.HoldScoringAsync(runner, cancellationToken);
                }

                await lanes!.DispatchAsync(runner, number, entryPath, content);
            }

            Func<Guid, int, string, byte[], Task> store = spool is not null ? ToSpool : ToLane;
            int ordinal = 0;
            foreach (ArchiveEntry entry in ActivityArchive.Expand(archive, ArchiveRoot, limits))
            {
                ordinal++;
                if (progress.Done.Contains(ordinal))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (await cancel.IsCancelledAsync(db, cancellationToken))
                {
                    break;
                }

                if (await ProcessAsync(progress, store, ordinal, entry, layout, roster, settings, cancellationToken) is { } global)
                {
                    stop = global;
                    break;
                }
            }

            if (lanes is not null)
            {
                await lanes.DrainAsync();
            }
            else if (!cancel.Cancelled)
            {
                if (stop is { } limit)
                {
                    // Recorded before the spool appears, so whichever job finishes the import knows it failed.
                    import.ErrorCode = limit.Code;
                    import.ErrorMessage = limit.Message.Length > 2000 ? limit.Message[..2000] : limit.Message;
                    await db.ClubImports.Where(candidate => candidate.Id == importId).ExecuteUpdateAsync(set => set
                        .SetProperty(candidate => candidate.ErrorCode, import.ErrorCode)
                        .SetProperty(candidate => candidate.ErrorMessage, import.ErrorMessage), cancellationToken);
                }

                spool!.Complete();
            }
        }

        if (cancel.Cancelled)
        {
            logger.LogInformation("Import {ImportId} cancelled after {Processed} entries in this run", importId, progress.Processed);
            return await finisher.FinishAsync(import, ImportState.Cancelled, progress.Processed, cancellationToken);
        }

        if (spool is not null)
        {
            return await FanOutAsync(import, progress.Processed, cancellationToken);
        }

        if (stop is { } failure)
        {
            return await FailAsync(import, failure.Code, failure.Message, progress.Processed, cancellationToken);
        }

        ImportCounts counts = await db.CountEntriesAsync(importId, cancellationToken);
        return await finisher.FinishAsync(import, counts.Failed > 0 ? ImportState.CompletedWithErrors : ImportState.Completed, progress.Processed, cancellationToken);
    }

    /// <summary>Enqueues a member job for every member with spooled files still without a row; finishes when none is left.</summary>
    private async Task<ImportRunResult> FanOutAsync(ClubImport import, int processed, CancellationToken cancellationToken)
    {
        List<ImportSpool.Item> spooled = ImportSpool.ReadIndex(options.Value.SpoolPath(import.Id));
        HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == import.Id).Select(entry => entry.Ordinal).ToListAsync(cancellationToken)];
        List<Guid> members = [.. spooled.Where(item => !done.Contains(item.Ordinal)).Select(item => item.RunnerId).Distinct()];
        if (members.Count == 0)
        {
            return await finisher.CompleteAsync(import, processed, cancellationToken);
        }

        foreach (Guid runnerId in members)
        {
            Guid importId = import.Id;
            jobs.Enqueue<ImportMemberJob>(job => job.RunAsync(importId, runnerId, CancellationToken.None));
        }

        logger.LogInformation("Import {ImportId}: {Files} files handed to {Members} member jobs", import.Id, spooled.Count - done.Count, members.Count);
        return new ImportRunResult(true, ImportState.Running, processed);
    }

    /// <summary>The name given to the club archive itself; entry paths are reported without it.</summary>
    private const string ArchiveRoot = "archive";

    /// <summary>Records one entry; returns a reason when the whole import must stop (a limit on the archive as a whole).</summary>
    private async Task<(string, string)?> ProcessAsync(
        RunProgress progress, Func<Guid, int, string, byte[], Task> store, int ordinal, ArchiveEntry entry, ImportLayout layout, ClubRoster roster, ImportOptions settings, CancellationToken cancellationToken)
    {
        string path = entry.Path.StartsWith(ArchiveRoot + "!", StringComparison.Ordinal) ? entry.Path[(ArchiveRoot.Length + 1)..] : entry.Path;
        int bang = path.IndexOf('!', StringComparison.Ordinal);
        string topLevel = bang < 0 ? path : path[..bang];
        if (layout.IsIgnored(topLevel))
        {
            return null; // not counted: the manifest is read on its own, and OS litter is nobody's run
        }

        if (entry.Error is { } error)
        {
            await writer.RecordAsync(progress, ordinal, path, ImportOutcome.Failed, error.Code, error.Message, cancellationToken);
            return error.Code is "archive-too-large" or "archive-too-many-entries" ? (error.Code, error.Message) : null;
        }

        byte[] content = entry.Content!; // set whenever Error is not
        int zipDepth = 1 + path.Count(c => c == '!') - CountOf(path, "!gunzip");
        if (zipDepth > settings.MaxNesting)
        {
            await writer.RecordAsync(progress, ordinal, path, ImportOutcome.Failed, "archive-too-deep",
                $"{path}: archives nested more than {settings.MaxNesting} deep are not read.", cancellationToken);
            return null;
        }

        if (!ImportEntryWriter.LooksLikeActivity(entry))
        {
            await writer.RecordAsync(progress, ordinal, path, ImportOutcome.Skipped, "unsupported-type",
                $"{path}: not a FIT, GPX or TCX file (optionally .gz); left alone.", cancellationToken);
            return null;
        }

        (string? member, string? problem) = layout.MemberFor(topLevel);
        Guid? runnerId = null;
        if (member is not null)
        {
            (runnerId, problem) = roster.Find(member);
        }

        if (runnerId is not { } runner)
        {
            string code = member is null ? (layout.Kind == ImportLayout.Manifest ? "not-in-manifest" : "no-member-folder") : "unknown-member";
            await writer.RecordAsync(progress, ordinal, path, ImportOutcome.Failed, code, problem, cancellationToken);
            return null;
        }

        await store(runner, ordinal, path, content);
        return null;
    }

    private Task<ImportRunResult> FailAsync(ClubImport import, string code, string message, int processed, CancellationToken cancellationToken)
    {
        import.ErrorCode = code;
        import.ErrorMessage = ImportEntryWriter.Storable(message.Length > 2000 ? message[..2000] : message);
        return finisher.FinishAsync(import, ImportState.Failed, processed, cancellationToken);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

/// <summary>What one run of an import has done so far.</summary>
public sealed class RunProgress(Guid importId, HashSet<int> done)
{
    private int _processed;

    public Guid ImportId { get; } = importId;

    /// <summary>Ordinals that had a row when this run started (read by the producer only).</summary>
    public HashSet<int> Done { get; } = done;

    /// <summary>Members whose rescoring this run has held back (producer only).</summary>
    public HashSet<Guid> Held { get; } = [];

    public int Processed => Volatile.Read(ref _processed);

    /// <summary>Called from any lane once an entry's row is committed.</summary>
    public void Recorded(int ordinal)
    {
        _ = ordinal;
        Interlocked.Increment(ref _processed);
    }
}
