using System.IO.Compression;
using RunRecovery.Formats.Errors;

namespace RunRecovery.Formats.Archives;

/// <summary>
/// Expands gzip files and ZIP archives (Strava exports: activities/*.fit.gz, *.gpx, *.tcx.gz plus CSVs;
/// Garmin exports with zips inside zips) one entry at a time. Only one expanded entry is held at a time
/// (plus the enclosing entry while a nested zip is read), so memory follows the largest entry, not the archive.
/// Every entry is reported on its own: a bad entry yields an entry with an <see cref="ArchiveEntry.Error"/>
/// and the rest are still read. Entries are never written to disk; names that would escape a folder
/// ("../", absolute paths) are reported as errors, not read.
/// </summary>
public static class ActivityArchive
{
    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;

    /// <summary>
    /// Expands <paramref name="stream"/> (a ZIP or gzip file; anything else is yielded as one entry).
    /// A seekable stream is read in place; a non-seekable one is first buffered (bounded by
    /// <see cref="ArchiveLimits.MaxEntryBytes"/>).
    /// </summary>
    public static IEnumerable<ArchiveEntry> Expand(Stream stream, string name, ArchiveLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ArchiveLimits.Default;
        var budget = new ArchiveBudget(limits, stream.CanSeek ? stream.Length - stream.Position : null);
        return ExpandStream(stream, name, limits, budget, depth: 1);
    }

    /// <summary>Expands one gzip member stream into memory, enforcing size and ratio limits.</summary>
    public static byte[] Gunzip(ReadOnlyMemory<byte> compressed, string name, ArchiveLimits? limits = null)
    {
        limits ??= ArchiveLimits.Default;
        using var source = ActivityBytes.AsStream(compressed);
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        try
        {
            return EntryReader.ReadBounded(gzip, name, compressed.Length, limits, new ArchiveBudget(limits, compressed.Length));
        }
        catch (InvalidDataException error)
        {
            throw new ActivityFileException("archive-corrupt", $"{name}: the gzip data is corrupt ({error.Message}).", null, error);
        }
    }

    private static IEnumerable<ArchiveEntry> ExpandStream(Stream stream, string name, ArchiveLimits limits, ArchiveBudget budget, int depth)
    {
        Span<byte> magic = stackalloc byte[4];
        if (!stream.CanSeek)
        {
            byte[] buffered;
            try
            {
                buffered = EntryReader.ReadBounded(stream, name, compressedLength: null, limits, budget);
            }
            catch (ActivityFileException error)
            {
                return [new ArchiveEntry(name, null, error)];
            }

            budget.SourceBytes = buffered.Length;
            return ExpandBytes(buffered, name, limits, budget, depth);
        }

        long start = stream.Position;
        int read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = start;
        if (read == 4 && magic.SequenceEqual(ZipMagic))
        {
            return ExpandZip(stream, name, limits, budget, depth);
        }

        byte[] all;
        try
        {
            all = EntryReader.ReadBounded(stream, name, compressedLength: null, limits, budget);
        }
        catch (ActivityFileException error)
        {
            return [new ArchiveEntry(name, null, error)];
        }

        return ExpandBytes(all, name, limits, budget, depth);
    }

    private static IEnumerable<ArchiveEntry> ExpandBytes(byte[] content, string name, ArchiveLimits limits, ArchiveBudget budget, int depth)
    {
        bool zip = content.Length >= 4 && content.AsSpan(0, 4).SequenceEqual(ZipMagic);
        bool gzip = content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B;
        if (!zip && !gzip)
        {
            return [new ArchiveEntry(name, content, null)];
        }

        if (depth > limits.MaxNesting)
        {
            return [new ArchiveEntry(name, null, new ActivityFileException(
                "archive-too-deep", $"{name}: archives nested more than {limits.MaxNesting} deep are not read.", 0))];
        }

        return zip ? ExpandZip(new MemoryStream(content, writable: false), name, limits, budget, depth) : ExpandGzip(content, name, limits, budget, depth);
    }

    private static IEnumerable<ArchiveEntry> ExpandGzip(byte[] content, string name, ArchiveLimits limits, ArchiveBudget budget, int depth)
    {
        string inner = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name + "!gunzip";
        byte[] expanded;
        try
        {
            using var source = new MemoryStream(content, writable: false);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            expanded = EntryReader.ReadBounded(gzip, name, content.Length, limits, budget);
        }
        catch (ActivityFileException error)
        {
            return [new ArchiveEntry(name, null, error)];
        }
        catch (InvalidDataException error)
        {
            return [new ArchiveEntry(name, null, new ActivityFileException("archive-corrupt", $"{name}: the gzip data is corrupt ({error.Message}).", null, error))];
        }

        return ExpandBytes(expanded, inner, limits, budget, depth + 1);
    }

    private static IEnumerable<ArchiveEntry> ExpandZip(Stream stream, string name, ArchiveLimits limits, ArchiveBudget budget, int depth)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException error)
        {
            return [new ArchiveEntry(name, null, new ActivityFileException("archive-corrupt", $"{name}: not a readable ZIP archive ({error.Message}).", 0, error))];
        }

        return Entries(zip, name, limits, budget, depth);
    }

    private static IEnumerable<ArchiveEntry> Entries(ZipArchive zip, string name, ArchiveLimits limits, ArchiveBudget budget, int depth)
    {
        using (zip)
        {
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue; // a folder
                }

                string path = $"{name}!{entry.FullName}";
                if (++budget.Entries > limits.MaxEntries)
                {
                    yield return new ArchiveEntry(path, null, new ActivityFileException(
                        "archive-too-many-entries", $"{name}: more than {limits.MaxEntries} entries; the rest are not read.", null));
                    yield break;
                }

                if (!IsSafeEntryName(entry.FullName))
                {
                    yield return new ArchiveEntry(path, null, new ActivityFileException(
                        "archive-unsafe-path", $"{path}: the entry name points outside the archive's folder; it is not read.", null));
                    continue;
                }

                byte[]? content = null;
                ActivityFileException? failure = null;
                try
                {
                    using Stream data = entry.Open();
                    content = EntryReader.ReadBounded(data, path, entry.CompressedLength, limits, budget, sniff: limits.ActivityFilesOnly);
                }
                catch (ActivityFileException error)
                {
                    failure = error;
                }
                catch (InvalidDataException error)
                {
                    failure = new ActivityFileException("archive-corrupt", $"{path}: the entry's data is corrupt ({error.Message}).", null, error);
                }

                if (failure is not null)
                {
                    yield return new ArchiveEntry(path, null, failure);
                    if (failure.Code == "archive-too-large")
                    {
                        yield break;
                    }

                    continue;
                }

                foreach (ArchiveEntry inner in ExpandBytes(content!, path, limits, budget, depth + 1)) // set when failure is null
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Relative, no "..", no drive or root: the only names an extractor could write safely.</summary>
    internal static bool IsSafeEntryName(string fullName)
    {
        if (fullName.Length == 0 || fullName[0] is '/' or '\\' || fullName.Contains(':', StringComparison.Ordinal)
            || fullName.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (string part in fullName.Split('/', '\\'))
        {
            if (part == "..")
            {
                return false;
            }
        }

        return true;
    }
}
