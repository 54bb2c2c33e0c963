using System.Text;
using RunRecovery.Formats.Archives;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Tcx;
using RunRecovery.Formats.Xml;

namespace RunRecovery.Formats;

/// <summary>
/// The entry point for one uploaded file: detects FIT, GPX, TCX, gzip or ZIP from the content (the name is
/// only used in messages) and returns the parsed activity, or throws an <see cref="ActivityFileException"/>.
/// A gzip file is expanded (bounded by <see cref="ArchiveLimits"/>) and read; a ZIP must hold exactly one
/// activity (use <see cref="ActivityArchive"/> for exports with many).
/// </summary>
public static class ActivityFile
{
    private const int XmlSniffBytes = 64 * 1024;

    public static ParsedActivity Read(ReadOnlySpan<byte> content, string? fileName = null) =>
        Read(new ReadOnlyMemory<byte>(content.ToArray()), fileName);

    public static ParsedActivity Read(ReadOnlyMemory<byte> content, string? fileName = null, ArchiveLimits? limits = null)
    {
        limits ??= ArchiveLimits.Default;
        ContentKind kind = Detect(content.Span);
        switch (kind)
        {
            case ContentKind.Fit:
                return FitActivityReader.Read(content.Span);
            case ContentKind.Gpx:
                return GpxReader.Read(content);
            case ContentKind.Tcx:
                return TcxReader.Read(content);
            case ContentKind.XmlWithDtd:
                throw new XmlSecurityException(
                    $"{Describe(fileName)}: XML with a DOCTYPE is refused (DTDs and entities are never processed).", null, null, IndexOfDoctype(content.Span));
            case ContentKind.Gzip:
                byte[] inner = ActivityArchive.Gunzip(content, fileName ?? "file", limits);
                ContentKind innerKind = Detect(inner);
                if (innerKind is ContentKind.Gzip or ContentKind.Zip)
                {
                    throw new ActivityFileException("unsupported-format", $"{Describe(fileName)}: a gzip file holding another archive is not read.", 0);
                }

                return Read(inner, fileName, limits);
            case ContentKind.Zip:
                return ReadSingleFromZip(content, fileName, limits);
            case ContentKind.OtherXml:
                throw new ActivityFileException(
                    "unsupported-format", $"{Describe(fileName)}: XML, but the root element is not <gpx> or <TrainingCenterDatabase>.", 0);
            default:
                throw new ActivityFileException(
                    "unsupported-format",
                    $"{Describe(fileName)}: not a FIT, GPX, TCX, gzip or ZIP file (starts with {Hex(content.Span)}).", 0);
        }
    }

    /// <summary>
    /// Reads content too large to hold as one array (the service spools large uploads to disk): GPX and TCX are parsed
    /// from <paramref name="content"/> as it is read, a few kilobytes at a time; FIT, gzip and ZIP, which are read
    /// whole, are read into memory first. Detection, errors and results are those of
    /// <see cref="Read(ReadOnlyMemory{byte}, string?, ArchiveLimits?)"/> over the same bytes.
    /// </summary>
    /// <param name="content">A seekable stream positioned at the first byte of the file.</param>
    public static ParsedActivity Read(Stream content, string? fileName = null, ArchiveLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(content));
        }

        long start = content.Position;
        byte[] head = new byte[(int)Math.Min(XmlSniffBytes, content.Length - start)];
        content.ReadExactly(head);
        ContentKind kind = Detect(head);
        if (kind is ContentKind.Gpx or ContentKind.Tcx)
        {
            // As XmlActivityReader.Open: a BOM and whitespace before the declaration are skipped.
            content.Position = start + (head.Length - SafeXml.SkipLeadingWhitespace(head).Length);
            return kind == ContentKind.Gpx ? GpxReader.Read(content) : TcxReader.Read(content);
        }

        content.Position = start;
        byte[] whole = new byte[content.Length - start];
        content.ReadExactly(whole);
        return Read(whole, fileName, limits);
    }

    /// <summary>Classifies content from its first bytes: FIT header, gzip/zip magic, or the XML root element.</summary>
    public static ContentKind Detect(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 12 && content[0] is 12 or 14 && content.Slice(8, 4).SequenceEqual(".FIT"u8))
        {
            return ContentKind.Fit;
        }

        if (content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B)
        {
            return ContentKind.Gzip;
        }

        if (content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K'
            && ((content[2] == 3 && content[3] == 4) || (content[2] == 5 && content[3] == 6)))
        {
            return ContentKind.Zip;
        }

        string head = DecodeHead(content);
        return DetectXml(head);
    }

    private static ParsedActivity ReadSingleFromZip(ReadOnlyMemory<byte> content, string? fileName, ArchiveLimits limits)
    {
        using var stream = ActivityBytes.AsStream(content);
        List<ArchiveEntry> activities = [];
        foreach (ArchiveEntry entry in ActivityArchive.Expand(stream, fileName ?? "archive.zip", limits))
        {
            if (entry.Error is { Code: "unsupported-format" } && !entry.NamedLikeActivity)
            {
                continue; // not an activity file (ArchiveLimits.ActivityFilesOnly), as a CSV beside the run always was
            }

            if (entry.Error is not null)
            {
                throw entry.Error;
            }

            if (entry.Content is { } bytes && Detect(bytes) is ContentKind.Fit or ContentKind.Gpx or ContentKind.Tcx)
            {
                activities.Add(entry);
            }
        }

        return activities.Count == 1
            ? Read(activities[0].Content!, activities[0].Path, limits) // Content is set on entries without Error
            : throw new ActivityFileException(
                "archive-not-single",
                $"{Describe(fileName)}: a ZIP archive holding {activities.Count} activity files; read it as an archive, entry by entry.",
                0);
    }

    private static string DecodeHead(ReadOnlySpan<byte> content)
    {
        ReadOnlySpan<byte> head = content[..Math.Min(content.Length, XmlSniffBytes)];
        if (head.StartsWith([(byte)0xFF, (byte)0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..]);
        }

        if (head.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..]);
        }

        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        return Encoding.Latin1.GetString(head); // only ASCII markup is inspected
    }

    private static ContentKind DetectXml(string head)
    {
        int i = 0;
        while (i < head.Length)
        {
            char c = head[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c != '<')
            {
                return ContentKind.Unknown;
            }

            if (At(head, i, "<?"))
            {
                int end = head.IndexOf("?>", i, StringComparison.Ordinal);
                if (end < 0)
                {
                    return ContentKind.Unknown;
                }

                i = end + 2;
                continue;
            }

            if (At(head, i, "<!--"))
            {
                int end = head.IndexOf("-->", i, StringComparison.Ordinal);
                if (end < 0)
                {
                    return ContentKind.Unknown;
                }

                i = end + 3;
                continue;
            }

            if (At(head, i, "<!"))
            {
                return ContentKind.XmlWithDtd;
            }

            int nameEnd = i + 1;
            while (nameEnd < head.Length && !char.IsWhiteSpace(head[nameEnd]) && head[nameEnd] is not '>' and not '/')
            {
                nameEnd++;
            }

            ReadOnlySpan<char> name = head.AsSpan(i + 1, nameEnd - i - 1);
            int colon = name.IndexOf(':');
            if (colon >= 0)
            {
                name = name[(colon + 1)..];
            }

            if (name.Equals("gpx", StringComparison.OrdinalIgnoreCase))
            {
                return ContentKind.Gpx;
            }

            return name.SequenceEqual("TrainingCenterDatabase") ? ContentKind.Tcx : ContentKind.OtherXml;
        }

        return ContentKind.Unknown;
    }

    private static bool At(string text, int index, string prefix) =>
        string.CompareOrdinal(text, index, prefix, 0, prefix.Length) == 0;

    private static long? IndexOfDoctype(ReadOnlySpan<byte> content)
    {
        int index = content.IndexOf("<!"u8);
        return index >= 0 ? index : null;
    }

    private static string Describe(string? fileName) => string.IsNullOrEmpty(fileName) ? "input" : fileName;

    private static string Hex(ReadOnlySpan<byte> content) =>
        content.IsEmpty ? "nothing: the file is empty" : Convert.ToHexString(content[..Math.Min(8, content.Length)]);

    /// <summary>For callers holding XML limits of their own (tests, the API's upload limits).</summary>
    public static ParsedActivity ReadXml(ReadOnlyMemory<byte> content, XmlLimits limits) =>
        Detect(content.Span) switch
        {
            ContentKind.Gpx => GpxReader.Read(content, limits),
            ContentKind.Tcx => TcxReader.Read(content, limits),
            ContentKind.XmlWithDtd => throw new XmlSecurityException("XML with a DOCTYPE is refused.", null, null, IndexOfDoctype(content.Span)),
            _ => throw new ActivityFileException("unsupported-format", "Not a GPX or TCX document.", 0),
        };
}
