using RunRecovery.Application.Persistence;
using RunRecovery.Formats.Archives;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// One run's walk over an import's archive, in its (deterministic) expansion order: each entry that has no row yet
/// is recorded here (skipped, failed) or handed to the run's <see cref="ImportDispatch"/> with its member. Manifest
/// rows naming files the archive lacks are reported first, under negative ordinals (their manifest order).
/// </summary>
public sealed class ImportWalk(
    RunRecoveryDb db, ImportEntryWriter writer, ImportDispatch dispatch, ImportLayout layout, ClubRoster roster, ImportOptions settings,
    RunProgress progress, CancelWatch cancel)
{
    /// <summary>
    /// Bytes of activity files this walk may hand over (spooled, when fanned out) before the club's storage limit
    /// (<see cref="ImportOptions.MaxClubStorageBytes"/>, less the archive and the club's other unfinished imports).
    /// </summary>
    public long ExpandedAllowance { get; init; } = long.MaxValue;

    /// <summary>Tells the walk when it has passed a member's last entry (the dispatch may hand the member out then).</summary>
    public MemberCursor? Cursor { get; init; }

    private long _expanded;

    /// <summary>The name given to the club archive itself; entry paths are reported without it.</summary>
    private const string ArchiveRoot = "archive";

    /// <summary>
    /// Walks until the end, a cancel, or a limit on the archive as a whole (returned: the import fails with it). Rows
    /// of entries that store nothing are written in batches (<see cref="ImportEntryWriter.RecordBatch"/>), all of
    /// them before this returns.
    /// </summary>
    public async Task<(string Code, string Message)?> WalkAsync(Stream archive, CancellationToken cancellationToken)
    {
        (string Code, string Message)? stop = await WalkEntriesAsync(archive, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return stop;
    }

    private async Task<(string Code, string Message)?> WalkEntriesAsync(Stream archive, CancellationToken cancellationToken)
    {
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

        int ordinal = 0;
        foreach (ArchiveEntry entry in ActivityArchive.Expand(archive, ArchiveRoot, Limits(settings)))
        {
            ordinal++;
            if (Cursor?.MoveTo(TopLevelOf(RelativePath(entry.Path))) is { Count: > 0 } passed)
            {
                dispatch.Passed(passed);
            }

            if (progress.Done.Contains(ordinal))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (await cancel.IsCancelledAsync(db, cancellationToken))
            {
                return null;
            }

            if (await ProcessAsync(ordinal, entry, cancellationToken) is { } stop)
            {
                return stop;
            }
        }

        return null;
    }

    private static ArchiveLimits Limits(ImportOptions settings) => new()
    {
        MaxEntries = settings.MaxEntries,
        MaxEntryBytes = settings.MaxEntryBytes,
        MaxTotalBytes = settings.MaxTotalBytes,
        MaxRatio = settings.MaxRatio,
        ActivityFilesOnly = true, // a zero-filled "run.fit" is refused from its first bytes, never expanded or spooled

        // Gzip counts as a level for the expander, so one more than the ZIP nesting allowed; ZIP depth is checked per entry.
        MaxNesting = settings.MaxNesting + 1,
    };

    /// <summary>Records or hands over one entry; returns a reason when the whole import must stop.</summary>
    private async Task<(string, string)?> ProcessAsync(int ordinal, ArchiveEntry entry, CancellationToken cancellationToken)
    {
        string path = RelativePath(entry.Path);
        string topLevel = TopLevelOf(path);
        if (layout.IsIgnored(topLevel))
        {
            return null; // not counted: the manifest is read on its own, and OS litter is nobody's run
        }

        if (entry.Error is { Code: "unsupported-format" } && !entry.NamedLikeActivity)
        {
            await writer.RecordAsync(progress, ordinal, path, ImportOutcome.Skipped, "unsupported-type",
                $"{path}: not a FIT, GPX or TCX file (optionally .gz); left alone.", cancellationToken);
            return null;
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

        _expanded += content.Length;
        if (_expanded > ExpandedAllowance)
        {
            string message = $"{path}: the club's unfinished imports would hold more than {settings.MaxClubStorageBytes} bytes in storage with this file; the import stops here (the files before it are imported).";
            await writer.RecordAsync(progress, ordinal, path, ImportOutcome.Failed, "club-storage-full", message, cancellationToken);
            return ("club-storage-full", message);
        }

        await dispatch.DispatchAsync(runner, ordinal, path, content, cancellationToken);
        return null;
    }

    /// <summary>An entry's path without the archive's own name.</summary>
    private static string RelativePath(string entryPath) =>
        entryPath.StartsWith(ArchiveRoot + "!", StringComparison.Ordinal) ? entryPath[(ArchiveRoot.Length + 1)..] : entryPath;

    /// <summary>The top-level entry an entry comes from: its path up to the first nested archive.</summary>
    private static string TopLevelOf(string path)
    {
        int bang = path.IndexOf('!', StringComparison.Ordinal);
        return bang < 0 ? path : path[..bang];
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
