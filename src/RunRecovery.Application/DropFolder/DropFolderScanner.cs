namespace RunRecovery.Application.DropFolder;

/// <summary>A file in the drop folder that may be an activity, and whose runner it is.</summary>
public sealed record DropCandidate(string FullPath, string Relative, string RunnerEmail, long Size, DateTime LastWriteUtc);

/// <summary>
/// Lists the activity files in the drop folder (<c>.fit</c>, <c>.gpx</c>, <c>.tcx</c>, <c>.gz</c>, <c>.zip</c>, any case),
/// read recursively; names starting with a dot or <c>~</c> (rsync's and editors' temporary files, the state file,
/// the failed folder) are skipped. A file is <see cref="Settled"/> once it had the same size and modification time
/// on two scans in a row, so a file still being copied is not taken half-written.
/// </summary>
public sealed class DropFolderScanner(string root, string? singleRunner, string? failedFolder)
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".fit", ".gpx", ".tcx", ".gz", ".zip" };

    private readonly string? _failed = string.IsNullOrWhiteSpace(failedFolder) ? null : Path.GetFullPath(Path.Combine(root, failedFolder));
    private Dictionary<string, (long Size, DateTime LastWriteUtc)> _seen = new(StringComparer.Ordinal);

    /// <summary>The files of this scan that looked the same on the previous one.</summary>
    public List<DropCandidate> Settled()
    {
        var found = Scan().ToList();
        var settled = found.Where(f => _seen.TryGetValue(f.Relative, out var seen) && seen == (f.Size, f.LastWriteUtc)).ToList();
        _seen = found.ToDictionary(f => f.Relative, f => (f.Size, f.LastWriteUtc), StringComparer.Ordinal);
        return settled;
    }

    private IEnumerable<DropCandidate> Scan()
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(singleRunner))
        {
            foreach (DropCandidate file in Files(new DirectoryInfo(root), singleRunner.Trim().ToLowerInvariant()))
            {
                yield return file;
            }

            yield break;
        }

        foreach (DirectoryInfo folder in new DirectoryInfo(root).EnumerateDirectories())
        {
            if (Visible(folder.Name) && folder.Name.Contains('@', StringComparison.Ordinal))
            {
                foreach (DropCandidate file in Files(folder, folder.Name.Trim().ToLowerInvariant()))
                {
                    yield return file;
                }
            }
        }
    }

    private IEnumerable<DropCandidate> Files(DirectoryInfo folder, string email)
    {
        var pending = new Stack<DirectoryInfo>([folder]);
        while (pending.TryPop(out DirectoryInfo? current))
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = [.. current.EnumerateFileSystemInfos()];
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                continue; // gone or unreadable since it was listed: the next scan sees it again
            }

            foreach (FileSystemInfo entry in entries)
            {
                if (!Visible(entry.Name))
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    if (_failed is null || !string.Equals(directory.FullName, _failed, StringComparison.Ordinal))
                    {
                        pending.Push(directory);
                    }
                }
                else if (entry is FileInfo file && Extensions.Contains(file.Extension))
                {
                    yield return new DropCandidate(file.FullName, Path.GetRelativePath(root, file.FullName), email, file.Length, file.LastWriteTimeUtc);
                }
            }
        }
    }

    private static bool Visible(string name) => name.Length > 0 && name[0] is not '.' and not '~';
}
