using System.Buffers;
using RunRecovery.Formats.Errors;

namespace RunRecovery.Formats.Archives;

/// <summary>
/// Reads one entry (or one gzip member, or a non-seekable stream) into memory within the limits: the per-entry cap,
/// the archive's total, the entry's and the archive's expansion ratios, and (for ZIP entries) a look at the first bytes.
/// <see cref="ActivityArchive"/> walks the archive; this class decides how many of an entry's bytes it may hold.
/// </summary>
internal static class EntryReader
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>
    /// Reads <paramref name="source"/> into a pooled buffer that grows (doubling from 16 KB) only as bytes actually
    /// arrive, counting them against the entry cap, the archive's total and both ratios, and stops at the first limit.
    /// A size the archive declares is never used: a ZIP of 10,000 entries each declaring 2 GB costs what its bytes
    /// inflate to, not 10,000 buffers of 16 MB. With <paramref name="sniff"/>, an entry whose first bytes cannot begin
    /// an activity file or archive is refused after <see cref="ArchiveLimits.SniffBytes"/>.
    /// </summary>
    internal static byte[] ReadBounded(Stream source, string name, long? compressedLength, ArchiveLimits limits, ArchiveBudget budget, bool sniff = false)
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
    private static long Count(int read, long total, string name, long? compressedLength, ArchiveLimits limits, ArchiveBudget budget)
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
}
