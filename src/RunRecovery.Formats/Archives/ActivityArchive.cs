using System.Buffers;
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
    private const int InitialBufferBytes = 16 * 1024;

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
        var budget = new Budget(limits, stream.CanSeek ? stream.Length - stream.Position : null);
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
            return ReadBounded(gzip, name, compressed.Length, limits, new Budget(limits, compressed.Length));
        }
        catch (InvalidDataException error)
        {
            throw new ActivityFileException("archive-corrupt", $"{name}: the gzip data is corrupt ({error.Message}).", null, error);
        }
    }

    private static IEnumerable<ArchiveEntry> ExpandStream(Stream stream, string name, ArchiveLimits limits, Budget budget, int depth)
    {
        Span<byte> magic = stackalloc byte[4];
        if (!stream.CanSeek)
        {
            byte[] buffered;
            try
            {
                buffered = ReadBounded(stream, name, compressedLength: null, limits, budget);
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
            all = ReadBounded(stream, name, compressedLength: null, limits, budget);
        }
        catch (ActivityFileException error)
        {
            return [new ArchiveEntry(name, null, error)];
        }

        return ExpandBytes(all, name, limits, budget, depth);
    }

    private static IEnumerable<ArchiveEntry> ExpandBytes(byte[] content, string name, ArchiveLimits limits, Budget budget, int depth)
    {
        if (content.Length >= 4 && content.AsSpan(0, 4).SequenceEqual(ZipMagic))
        {
            if (depth > limits.MaxNesting)
            {
                return [new ArchiveEntry(name, null, new ActivityFileException(
                    "archive-too-deep", $"{name}: archives nested more than {limits.MaxNesting} deep are not read.", 0))];
            }

            return ExpandZip(new MemoryStream(content, writable: false), name, limits, budget, depth);
        }

        if (content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B)
        {
            if (depth > limits.MaxNesting)
            {
                return [new ArchiveEntry(name, null, new ActivityFileException(
                    "archive-too-deep", $"{name}: archives nested more than {limits.MaxNesting} deep are not read.", 0))];
            }

            return ExpandGzip(content, name, limits, budget, depth);
        }

        return [new ArchiveEntry(name, content, null)];
    }

    private static IEnumerable<ArchiveEntry> ExpandGzip(byte[] content, string name, ArchiveLimits limits, Budget budget, int depth)
    {
        string inner = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name + "!gunzip";
        byte[] expanded;
        try
        {
            using var source = new MemoryStream(content, writable: false);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            expanded = ReadBounded(gzip, name, content.Length, limits, budget);
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

    private static IEnumerable<ArchiveEntry> ExpandZip(Stream stream, string name, ArchiveLimits limits, Budget budget, int depth)
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

    private static IEnumerable<ArchiveEntry> Entries(ZipArchive zip, string name, ArchiveLimits limits, Budget budget, int depth)
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
                    content = ReadBounded(data, path, entry.CompressedLength, limits, budget, sniff: limits.ActivityFilesOnly);
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

    /// <summary>
    /// Reads <paramref name="source"/> into a pooled buffer that grows (doubling from 16 KB) only as bytes actually
    /// arrive, counting them against the entry cap, the archive's total and both ratios, and stops at the first limit.
    /// A size the archive declares is never used: a ZIP of 10,000 entries each declaring 2 GB costs what its bytes
    /// inflate to, not 10,000 buffers of 16 MB. With <paramref name="sniff"/>, an entry whose first bytes cannot begin
    /// an activity file or archive is refused after <see cref="ArchiveLimits.SniffBytes"/>.
    /// </summary>
    private static byte[] ReadBounded(Stream source, string name, long? compressedLength, ArchiveLimits limits, Budget budget, bool sniff = false)
    {
        long cap = limits.MaxEntryBytes;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, InitialBufferBytes));
        long total = 0;
        try
        {
            if (sniff)
            {
                total = Count(source.ReadAtLeast(buffer.AsSpan(0, (int)Math.Min(buffer.Length, ArchiveLimits.SniffBytes)), ArchiveLimits.SniffBytes, throwOnEndOfStream: false), 0, name, compressedLength, limits, budget);
                if (!MayBeActivity(buffer.AsSpan(0, (int)total)))
                {
                    throw new ActivityFileException(
                        "unsupported-format", $"{name}: not a FIT, GPX, TCX, gzip or ZIP file (starts with {Hex(buffer.AsSpan(0, (int)total))}); not read further.", 0);
                }
            }

            while (true)
            {
                long room = Math.Min(buffer.Length, cap); // a rented buffer may be longer than asked for
                if (total == room)
                {
                    if (room >= cap)
                    {
                        // One more byte means over the cap.
                        if (source.ReadByte() < 0)
                        {
                            break;
                        }

                        throw new ActivityFileException(
                            "archive-entry-too-large", $"{name}: expands past {cap} bytes (the per-entry limit); not read.", null);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, (long)buffer.Length * 2));
                    buffer.AsSpan(0, (int)total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = source.Read(buffer, (int)total, (int)(Math.Min(buffer.Length, cap) - total));
                if (read == 0)
                {
                    break;
                }

                total = Count(read, total, name, compressedLength, limits, budget);
            }

            return buffer.AsSpan(0, (int)total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Adds <paramref name="read"/> bytes to the entry and the archive, and checks every limit on what has arrived.</summary>
    private static long Count(int read, long total, string name, long? compressedLength, ArchiveLimits limits, Budget budget)
    {
        total += read;
        budget.TotalBytes += read;
        if (budget.TotalBytes > limits.MaxTotalBytes)
        {
            throw new ActivityFileException(
                "archive-too-large", $"{name}: the archive expands past {limits.MaxTotalBytes} bytes in total; the rest is not read.", null);
        }

        budget.RatioBytes += read;
        if (compressedLength is > 0 and long packed && total > limits.RatioFloorBytes && total > packed * limits.MaxRatio)
        {
            // A bomb entry's bytes are bounded by its own ratio; they do not count against the rest of the archive.
            budget.RatioBytes -= total;
            throw new ActivityFileException(
                "zip-bomb",
                $"{name}: expands more than {limits.MaxRatio}:1 ({packed} compressed bytes gave over {total}); refused as a decompression bomb.",
                null);
        }

        if (budget.SourceBytes is > 0 and long archive && budget.RatioBytes > limits.RatioFloorBytes && budget.RatioBytes > archive * limits.MaxArchiveRatio)
        {
            throw new ActivityFileException(
                "archive-too-large",
                $"{name}: the archive expands more than {limits.MaxArchiveRatio}:1 as a whole ({archive} bytes gave over {budget.RatioBytes}); "
                + "refused as a decompression bomb, the rest is not read.",
                null);
        }

        return total;
    }

    /// <summary>
    /// Whether these first bytes could begin something worth expanding: a FIT header, gzip, ZIP, or text whose first
    /// character (after a byte-order mark and white space) is '&lt;'. Lenient on XML on purpose: the reader decides.
    /// </summary>
    private static bool MayBeActivity(ReadOnlySpan<byte> head)
    {
        if (ActivityFile.Detect(head) is ContentKind.Fit or ContentKind.Gzip or ContentKind.Zip or ContentKind.Gpx or ContentKind.Tcx or ContentKind.XmlWithDtd)
        {
            return true;
        }

        if (head.StartsWith([(byte)0xFF, (byte)0xFE]) || head.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            return true; // UTF-16 text; the reader decides
        }

        if (head.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]))
        {
            head = head[3..];
        }

        foreach (byte b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }

    private static string Hex(ReadOnlySpan<byte> head) => head.Length == 0 ? "nothing" : Convert.ToHexString(head[..Math.Min(head.Length, 8)]);

    private sealed class Budget(ArchiveLimits limits, long? sourceBytes)
    {
        public ArchiveLimits Limits { get; } = limits;

        /// <summary>The archive's own size, when known: the base of <see cref="ArchiveLimits.MaxArchiveRatio"/>.</summary>
        public long? SourceBytes { get; set; } = sourceBytes;

        public long TotalBytes { get; set; }

        /// <summary><see cref="TotalBytes"/> less the entries refused for their own ratio.</summary>
        public long RatioBytes { get; set; }

        public int Entries { get; set; }
    }
}
