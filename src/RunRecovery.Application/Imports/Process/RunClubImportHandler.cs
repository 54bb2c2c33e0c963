using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Jobs;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Runs (or continues) one import: reads the archive's layout, then walks its entries (<see cref="ImportWalk"/>) in
/// the archive's deterministic expansion order, handing activity files to the run's <see cref="ImportDispatch"/>.
/// Each entry's outcome is written in the same transaction as the activity it creates (<see cref="ImportEntryWriter"/>),
/// so a run that dies — a crash, a restart, a cancelled token — is continued by the next run from the first entry
/// without a row: none imported twice, none lost. Only one run works on an import at a time (a session advisory
/// lock), and rescoring is held back while the import runs, then requested once per member at the end. Fanned out
/// (the default), the run spools each member's activity files and hands the member to an <see cref="ImportMemberJob"/>
/// (any worker) as soon as the walk has passed their last entry; the job that stores the last file finishes the import.
/// </summary>
public sealed class RunClubImportHandler(
    RunRecoveryDb db,
    ImportEntryWriter writer,
    ImportFinisher finisher,
    ImportDispatcher dispatcher,
    ImportFanOut fanOut,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<RunClubImportHandler> logger)
    : ICommandHandler<RunClubImport, ImportRunResult>
{
    public async ValueTask<ImportRunResult> Handle(RunClubImport command, CancellationToken cancellationToken)
    {
        Guid importId = command.ImportId;
        // A second run of the same import waits here for the first.
        await using RunAlone gate = await finisher.LockAsync(ImportFinisher.ImportKey(importId), cancellationToken);

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

        if (settings.FanOut && ImportSpool.IsSealed(settings.SpoolPath(importId)))
        {
            return await fanOut.HandOutAsync(import, 0, except: new HashSet<Guid>(), cancellationToken); // expanded by an earlier run: hand out what is left
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
        return await WalkAsync(import, layout, path, cancellationToken);
    }

    private async Task<ImportRunResult> WalkAsync(ClubImport import, ImportLayout layout, string path, CancellationToken cancellationToken)
    {
        ClubRoster roster = await ClubRoster.LoadAsync(db, import.ClubId, cancellationToken);
        HashSet<int> done = [.. await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == import.Id).Select(entry => entry.Ordinal).ToListAsync(cancellationToken)];
        var progress = new RunProgress(import.Id, done);
        var cancel = new CancelWatch(import.Id, options.Value.ProgressInterval, clock);

        await using ImportDispatch dispatch = dispatcher.Start(progress, cancel, cancellationToken);
        (string Code, string Message)? stop;
        await using (FileStream archive = File.OpenRead(path))
        {
            long allowance = options.Value.MaxClubStorageBytes - import.SizeBytes
                - await ClubStorage.LiveBytesAsync(db, options.Value, import.ClubId, import.Id, cancellationToken);
            var walk = new ImportWalk(db, writer, dispatch, layout, roster, options.Value, progress, cancel)
            {
                ExpandedAllowance = allowance,
                Cursor = new MemberCursor(layout, roster),
            };
            stop = await walk.WalkAsync(archive, cancellationToken);
        }

        await dispatch.DrainAsync();
        if (cancel.Cancelled)
        {
            logger.LogInformation("Import {ImportId} cancelled after {Processed} entries in this run", import.Id, progress.Processed);
            return await finisher.FinishAsync(import, ImportState.Cancelled, progress.Processed, cancellationToken);
        }

        if (stop is { } limit)
        {
            // Recorded before the files are handed out, so whichever job finishes the import knows it failed.
            SetError(import, limit.Code, limit.Message);
            await db.ClubImports.Where(candidate => candidate.Id == import.Id).ExecuteUpdateAsync(set => set
                .SetProperty(candidate => candidate.ErrorCode, import.ErrorCode)
                .SetProperty(candidate => candidate.ErrorMessage, import.ErrorMessage), cancellationToken);
        }

        return await dispatch.EndAsync(import, progress.Processed, cancellationToken);
    }

    private Task<ImportRunResult> FailAsync(ClubImport import, string code, string message, int processed, CancellationToken cancellationToken)
    {
        SetError(import, code, message);
        return finisher.FinishAsync(import, ImportState.Failed, processed, cancellationToken);
    }

    private static void SetError(ClubImport import, string code, string message)
    {
        import.ErrorCode = code;
        import.ErrorMessage = ImportEntryWriter.Storable(message.Length > 2000 ? message[..2000] : message);
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
