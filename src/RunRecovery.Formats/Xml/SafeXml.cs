using System.Globalization;
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
internal static class SafeXml
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

    /// <summary>The part of a qualified name after the prefix ("ns3:hr" → "hr").</summary>
    public static ReadOnlySpan<char> Local(string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name.AsSpan(colon + 1);
    }

    public static void CheckDepth(XmlTextReader reader, XmlLimits limits)
    {
        if (reader.Depth >= limits.MaxDepth)
        {
            throw new XmlSecurityException(
                $"XML nested deeper than {limits.MaxDepth} elements refused.", reader.LineNumber, reader.LinePosition);
        }
    }

    /// <summary>
    /// Reads the text content of the current element (concatenating text and CDATA, skipping comments and
    /// any child elements) and leaves the reader on its end tag. Returns "" for an empty element.
    /// </summary>
    public static string ReadText(XmlTextReader reader, XmlLimits limits)
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
                    CheckDepth(reader, limits);
                    if (!reader.IsEmptyElement)
                    {
                        reader.Skip();
                        if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                        {
                            return more?.ToString() ?? first ?? string.Empty;
                        }
                    }

                    break;
                case XmlNodeType.EndElement when reader.Depth == depth:
                    return more?.ToString() ?? first ?? string.Empty;
            }
        }

        return more?.ToString() ?? first ?? string.Empty;
    }

    public static double? ParseDouble(string text)
    {
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return null;
        }

        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : null;
    }

    /// <summary>Maps the parser's own exception to ours, keeping line and column.</summary>
    public static XmlFormatException Translate(XmlException error, string format, XmlTextReader reader)
    {
        int line = error.LineNumber > 0 ? error.LineNumber : reader.LineNumber;
        int column = error.LineNumber > 0 ? error.LinePosition : reader.LinePosition;
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
