using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Xml;

/// <summary>
/// What GPX and TCX reading share: the entry points (bytes or stream through <see cref="SafeXml"/>, parser errors
/// translated to ours), the walk over an element's content with the depth limit enforced, skipping, the point
/// limit, and the range checks of values both formats carry (coordinates, heart rate, cadence, speed, power).
/// Each format's reader subclasses it and keeps only its own element names and structure.
/// </summary>
internal abstract class XmlActivityReader(XmlReader reader, XmlLimits limits, string format)
{
    private readonly char[] _text = new char[128];
    private char[] _long = new char[128];

    protected XmlReader Reader => reader;

    /// <summary>The line of the node the reader is on, as the reference reader counts it.</summary>
    protected int LineNumber => SafeXml.Line(reader);

    protected XmlLimits Limits => limits;

    /// <summary>"GPX" or "TCX": the prefix of every message.</summary>
    protected string Format => format;

    protected WarningList Warnings { get; } = new();

    /// <summary>The first UTC offset a time in the file carried.</summary>
    protected TimeSpan? UtcOffset { get; set; }

    /// <summary>Reads the document the reader is at the start of.</summary>
    protected abstract ParsedActivity Run();

    /// <summary>XML forbids anything before "&lt;?xml"; exporters write whitespace and a BOM there anyway (skipped).</summary>
    public static Stream Open(ReadOnlyMemory<byte> content) => ActivityBytes.AsStream(SafeXml.SkipLeadingWhitespace(content));

    /// <summary>Runs the parser <paramref name="create"/> makes over a safe reader; the parser's own errors become ours.</summary>
    public static ParsedActivity Read(
        Stream stream, XmlLimits limits, string format, Func<XmlReader, XmlActivityReader> create)
    {
        using XmlTextReader reader = SafeXml.Open(stream, limits, out _);
        try
        {
            return create(reader).Run();
        }
        catch (XmlException error)
        {
            throw SafeXml.Translate(error, format, reader);
        }
    }

    /// <summary>
    /// Runs the parser <paramref name="create"/> makes over <see cref="Utf8XmlReader"/> (<paramref name="content"/> with
    /// leading whitespace and BOM already skipped); null when the file is handed over to the reference reader: anything
    /// outside the fast reader's subset, and every refusal (the parser's own too: root, depth and point limits), so that
    /// the reference words each error. A bug in the fast reader (any other exception) is not hidden.
    /// </summary>
    public static ParsedActivity? ReadFast(
        ReadOnlyMemory<byte> content, XmlLimits limits, Func<XmlReader, XmlActivityReader> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (Utf8XmlReader.TryOpen(content, limits) is not { } reader)
        {
            return null;
        }

        try
        {
            ParsedActivity activity = create(reader).Run();
            return reader.RestIsBlank() ? activity : null;
        }
        catch (XmlHandoverException)
        {
            return null;
        }
        catch (ActivityFileException)
        {
            return null;
        }
    }

    /// <summary>Moves to the root element and checks its name; a document without one, or with another, is refused.</summary>
    protected void MoveToRoot(string expected, StringComparison comparison)
    {
        while (reader.Read() && reader.NodeType != XmlNodeType.Element)
        {
        }

        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new XmlFormatException(
                "malformed", $"{format}: the document has no root element.", SafeXml.Line(reader), SafeXml.Column(reader));
        }

        if (!SafeXml.Local(reader.Name).Equals(expected, comparison))
        {
            throw new XmlFormatException(
                "unsupported-format", $"{format}: the root element is <{reader.Name}>, not <{expected}>.", SafeXml.Line(reader), SafeXml.Column(reader));
        }
    }

    /// <summary>
    /// Moves to the next start tag inside the element whose start tag was at <paramref name="depth"/>, checking the
    /// depth limit; false once that element's end tag is reached. An element the caller neither reads nor skips is
    /// descended into: its own children come next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected bool NextElement(int depth, out ReadOnlySpan<char> local)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                break;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                SafeXml.CheckDepth(reader, limits);
                local = SafeXml.Local(reader.Name);
                return true;
            }
        }

        local = default;
        return false;
    }

    /// <summary>Skips the current element's content (depth still checked) and leaves the reader on its end tag.</summary>
    protected void Skip() => SafeXml.SkipChildChecked(reader, limits);

    /// <summary>The trimmed text of the current element's (last) child named <paramref name="child"/>; leaves the reader on the end tag.</summary>
    protected string? ReadChildText(string child)
    {
        if (reader.IsEmptyElement)
        {
            return null;
        }

        int depth = reader.Depth;
        string? found = null;
        while (NextElement(depth, out ReadOnlySpan<char> local))
        {
            if (reader.Depth == depth + 1 && local.SequenceEqual(child))
            {
                found = SafeXml.ReadText(reader, limits).Trim();
            }
        }

        return found;
    }

    /// <summary>Refuses the document once it holds <see cref="XmlLimits.MaxPoints"/> points.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected void CheckPointLimit(int points, string noun)
    {
        if (points >= limits.MaxPoints)
        {
            throw new XmlSecurityException(
                $"{format}: more than {limits.MaxPoints} {noun} refused.", SafeXml.Line(reader), SafeXml.Column(reader));
        }
    }

    /// <summary>1–254 bpm as stated (FIT's own range); other numbers are left out, with a warning unless 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected int? HeartRate(double? value)
    {
        if (value is > 0 and < 255)
        {
            return (int)Math.Round(value.Value);
        }

        if (value is >= 255 or < 0) // 0 is the usual "no reading", not worth a warning
        {
            Warnings.Add(
                "heart-rate-out-of-range",
                $"{format}: heart rate {value.Value.ToString(CultureInfo.InvariantCulture)} bpm is not a heart rate; left out (line {LineNumber}).");
        }

        return null;
    }

    /// <summary>A latitude (<paramref name="bound"/> 90) or longitude (180) in degrees; null when not a number in range.</summary>
    protected static double? Coordinate(ReadOnlySpan<char> text, double bound) =>
        SafeXml.ParseDouble(text) is { } value && Math.Abs(value) <= bound ? value : null;

    /// <summary>
    /// The values of the current element's attributes named <paramref name="first"/> and <paramref name="second"/>
    /// (null when absent), as <see cref="XmlReader.GetAttribute(string)"/> would give them, without its name-table
    /// lookup per call; the reader stays on the element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected void Attributes(string first, string second, out string? firstValue, out string? secondValue)
    {
        firstValue = null;
        secondValue = null;
        int count = reader.AttributeCount;
        for (int i = 0; i < count; i++)
        {
            reader.MoveToAttribute(i);
            string name = reader.Name;
            if (firstValue is null && name == first)
            {
                firstValue = reader.Value;
            }
            else if (secondValue is null && name == second)
            {
                secondValue = reader.Value;
            }
        }

        if (count > 0)
        {
            reader.MoveToElement();
        }
    }

    /// <summary>
    /// The current element's text when short (numbers, times), in a buffer the reader reuses; a text longer than
    /// 128 characters reads as "(too long)", which no value parses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected ReadOnlySpan<char> Short()
    {
        int length = SafeXml.ReadShortText(reader, limits, _text);
        return length < 0 ? "(too long)" : _text.AsSpan(0, length);
    }

    /// <summary>The current element's whole text (as <see cref="SafeXml.ReadText(XmlReader, XmlLimits)"/>), in a buffer the reader reuses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    protected ReadOnlySpan<char> Text()
    {
        int length = SafeXml.ReadText(reader, limits, ref _long);
        return _long.AsSpan(0, length);
    }

    protected static double? Cadence(double? value) => value is >= 0 and < 1000 ? value : null;

    protected static double? Speed(double? value) => value is >= 0 and < 200 ? value : null;

    protected static int? Power(double? value) => value is >= 0 and < 10000 ? (int)Math.Round(value.Value) : null;
}
