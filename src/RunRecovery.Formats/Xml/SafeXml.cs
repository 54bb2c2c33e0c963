using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using RunRecovery.Formats.Errors;

namespace RunRecovery.Formats.Xml;

/// <summary>
/// The one way GPX and TCX are read: a forward-only <see cref="XmlTextReader"/> with DTDs prohibited (so no
/// entity can be declared: billion laughs and external entities fail at the DOCTYPE), no resolver, and the
/// raw bytes passed through <see cref="GuardedXmlStream"/>. Namespace processing is off on purpose: exporters
/// write prefixes they never declare (e.g. <c>gpxtpx:</c> without its xmlns), which a namespace-aware reader
/// rejects; readers match elements by local name instead.
/// </summary>
internal static partial class SafeXml
{
    public static XmlTextReader Open(Stream stream, XmlLimits limits, out GuardedXmlStream guarded)
    {
        guarded = new GuardedXmlStream(stream, limits);
        return new XmlTextReader(guarded)
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            Namespaces = false,
            WhitespaceHandling = WhitespaceHandling.None,
            Normalization = false,
        };
    }

    /// <summary>
    /// XML forbids anything before "&lt;?xml"; TCX (and some GPX) exporters write whitespace, and a UTF-8 BOM
    /// before it, there anyway. Skips both so the declaration comes first.
    /// </summary>
    public static ReadOnlyMemory<byte> SkipLeadingWhitespace(ReadOnlyMemory<byte> content)
    {
        ReadOnlySpan<byte> span = content.Span;
        int skip = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (skip < span.Length && span[skip] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            skip++;
        }

        return content[skip..];
    }

    /// <summary>The part of a qualified name after the prefix ("ns3:hr" → "hr").</summary>
    public static ReadOnlySpan<char> Local(string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name.AsSpan(colon + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public static void CheckDepth(XmlReader reader, XmlLimits limits)
    {
        if (reader.Depth >= limits.MaxDepth)
        {
            throw new XmlSecurityException(
                $"XML nested deeper than {limits.MaxDepth} elements refused.", Line(reader), Column(reader));
        }
    }

    /// <summary>
    /// Reads the text content of the current element (concatenating text and CDATA, skipping comments and
    /// any child elements) and leaves the reader on its end tag. Returns "" for an empty element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public static string ReadText(XmlReader reader, XmlLimits limits)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        int depth = reader.Depth;
        string? first = null;
        StringBuilder? more = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    if (first is null)
                    {
                        first = reader.Value;
                    }
                    else
                    {
                        more ??= new StringBuilder(first);
                        more.Append(reader.Value);
                    }

                    break;
                case XmlNodeType.Element:
                    SkipChildChecked(reader, limits);
                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return more?.ToString() ?? first ?? string.Empty;
            }
        }

        return more?.ToString() ?? first ?? string.Empty;
    }

    /// <summary>
    /// Like <see cref="ReadText"/> for short values (numbers, times) without allocating a string: the text is
    /// copied into <paramref name="buffer"/>. Returns the length, or -1 when the text is longer than the buffer.
    /// </summary>
    public static int ReadShortText(XmlReader reader, XmlLimits limits, char[] buffer) =>
        ReadInto(reader, limits, ref buffer, grow: false);

    /// <summary>
    /// <see cref="ReadText"/> without allocating a string: the text (all of it, like <see cref="ReadText"/>) is copied
    /// into <paramref name="buffer"/>, which is replaced by a larger one when the text does not fit. Returns the length.
    /// </summary>
    public static int ReadText(XmlReader reader, XmlLimits limits, ref char[] buffer) =>
        ReadInto(reader, limits, ref buffer, grow: true);

    /// <summary>
    /// The text of the current element copied into <paramref name="buffer"/>, which grows when
    /// <paramref name="grow"/> is set; otherwise a text that fills it is drained and refused (-1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private static int ReadInto(XmlReader reader, XmlLimits limits, ref char[] buffer, bool grow)
    {
        if (reader.IsEmptyElement)
        {
            return 0;
        }

        if (!reader.CanReadValueChunk)
        {
            string text = ReadText(reader, limits);
            if (text.Length > buffer.Length)
            {
                if (!grow)
                {
                    return -1;
                }

                buffer = new char[text.Length];
            }

            text.CopyTo(buffer);
            return text.Length;
        }

        int depth = reader.Depth;
        int length = 0;
        bool overflow = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, length, buffer.Length - length)) > 0)
                    {
                        length += read;
                        if (length == buffer.Length && grow)
                        {
                            Array.Resize(ref buffer, 2 * buffer.Length);
                        }
                        else if (length == buffer.Length)
                        {
                            overflow = true;
                            length = 0; // keep draining; the value is refused below
                        }
                    }

                    break;
                case XmlNodeType.Element:
                    SkipChildChecked(reader, limits);
                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return overflow ? -1 : length;
            }
        }

        return overflow ? -1 : length;
    }

    /// <summary>
    /// Skips the element the reader is on (with everything inside it), enforcing the depth limit on the way,
    /// and leaves the reader on its end tag. The framework's Skip() would not check depth.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public static void SkipChildChecked(XmlReader reader, XmlLimits limits)
    {
        CheckDepth(reader, limits);
        if (reader.IsEmptyElement)
        {
            return;
        }

        int depth = reader.Depth;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                CheckDepth(reader, limits);
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return;
            }
        }
    }

    public static int Line(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;

    public static int Column(XmlReader reader) => reader is IXmlLineInfo info ? info.LinePosition : 0;

    /// <summary>Maps the parser's own exception to ours, keeping line and column.</summary>
    public static XmlFormatException Translate(XmlException error, string format, XmlReader reader)
    {
        int line = error.LineNumber > 0 ? error.LineNumber : Line(reader);
        int column = error.LineNumber > 0 ? error.LinePosition : Column(reader);
        bool dtd = error.Message.Contains("DTD", StringComparison.Ordinal)
            || error.Message.Contains("DOCTYPE", StringComparison.Ordinal)
            || error.Message.Contains("entity", StringComparison.OrdinalIgnoreCase);
        return dtd
            ? new XmlSecurityException(
                $"{format}: DTDs and entity declarations are refused ({error.Message})", line, column, null, error)
            : new XmlFormatException(
                "malformed", $"{format}: the XML is not well-formed ({error.Message})", line, column, null, error);
    }
}
