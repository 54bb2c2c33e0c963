using System.Runtime.CompilerServices;
using System.Text.Unicode;
using System.Xml;

namespace RunRecovery.Formats.Xml;

/// <summary>
/// A forward-only reader over UTF-8 bytes in memory for the subset of XML real GPX files use: an optional
/// <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c> declaration, elements and attributes with ASCII names (prefixes
/// kept in the name, as the reference reader with namespaces off gives them), text, the five predefined entities and
/// numeric character references, CDATA sections, comments and processing instructions. It presents the nodes exactly as
/// <see cref="SafeXml.Open"/>'s <see cref="XmlTextReader"/> does for the calls <see cref="XmlActivityReader"/> makes
/// (node type, name, depth, empty elements, attributes, text values, line numbers); whitespace-only text is left out
/// (<see cref="WhitespaceHandling.None"/>); comments and processing instructions, which no reader uses, are skipped.
/// <para>
/// That reader stays the reference: on anything outside the subset (a DOCTYPE, another encoding, control
/// characters, invalid UTF-8, an unknown entity, a whitespace character reference, mismatched or unclosed tags, bad
/// quoting, a duplicate attribute, a run of bytes longer than <see cref="XmlLimits.MaxMarkupRunBytes"/>) this reader
/// throws <see cref="XmlHandoverException"/> and the caller reads the whole file with the reference instead, so every
/// error and refusal is the reference's own. The comparison is pinned by the differential and mutation tests
/// (tests/RunRecovery.Formats.Tests/Xml/Utf8XmlReaderDifferentialTests.cs).
/// </para>
/// </summary>
internal sealed partial class Utf8XmlReader : XmlReader, IXmlLineInfo
{
    private const int NameCacheSize = 64;

    /// <summary>Name characters of the subset: ASCII letters, digits, '_', '-', '.', ':' (1 = may start a name, 2 = may follow).</summary>
    private static readonly byte[] NameClass = BuildNameClass();

    // What Scan reports about a run of content bytes.
    private const int NonWhitespace = 1;
    private const int Ampersand = 2;
    private const int Bracket = 4;
    private const int LessThan = 8;
    private const int Forbidden = 16; // a C0 control other than tab, LF, CR; or U+FFC0–U+FFFF (holding the non-characters U+FFFE, U+FFFF)
    private const int LeadEF = 32;

    private static readonly byte[] ByteClass = BuildByteClass();

    private readonly ReadOnlyMemory<byte> _content;
    private readonly XmlLimits _limits;
    private readonly string?[] _names = new string?[NameCacheSize];
    private readonly byte[]?[] _nameBytes = new byte[]?[NameCacheSize];

    private XmlNameTable? _nameTable;
    private int _position;
    private int _lastLessThan = -1;
    private bool _rootSeen;
    private bool _eof;

    // Open elements: where each name starts in the content, its length and its string.
    private int[] _openStarts = new int[16];
    private int[] _openLengths = new int[16];
    private string[] _openNames = new string[16];
    private int _open;

    // The current node.
    private XmlNodeType _type;
    private int _depth;
    private string _name = string.Empty;
    private bool _empty;
    private int _nodeStart;
    private int _valueStart;
    private int _valueEnd;
    private bool _valueEntities;

    // The current element's attributes, and which one the reader is on (-1: the element).
    private int[] _attributes = new int[5 * 4]; // name start, name length, value start, value end, has entities
    private string?[] _attributeNames = new string?[4];
    private int _attributeCount;
    private int _attribute = -1;

    // The decoded value of the current text node or attribute, for Value and ReadValueChunk.
    private char[] _chars = new char[128];
    private int _charsLength = -1;
    private int _chunkOffset;

    // Line numbers are counted lazily: _line is the line at _lineCountedTo.
    private int _line = 1;
    private int _lineStart;
    private int _lineCountedTo;

    private Utf8XmlReader(ReadOnlyMemory<byte> content, XmlLimits limits)
    {
        _content = content;
        _limits = limits;
    }

    /// <summary>
    /// A reader over <paramref name="content"/> (leading whitespace and a UTF-8 BOM already skipped, as
    /// <see cref="SafeXml.SkipLeadingWhitespace"/> does), or null when a first look over the bytes already shows
    /// something outside the subset.
    /// </summary>
    public static Utf8XmlReader? TryOpen(ReadOnlyMemory<byte> content, XmlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ReadOnlySpan<byte> span = content.Span;
        if (span.Length == 0 || span[0] != '<' || span.Length > limits.MaxDocumentBytes || !Utf8.IsValid(span))
        {
            return null;
        }

        return new Utf8XmlReader(content, limits);
    }

    public override int AttributeCount => _type == XmlNodeType.Element ? _attributeCount : 0;

    public override string BaseURI => string.Empty;

    public override int Depth => _attribute >= 0 ? _depth + 1 : _depth;

    public override bool EOF => _eof;

    public override bool IsEmptyElement => _attribute < 0 && _empty;

    public override string LocalName => Name;

    public override string Name => _attribute >= 0 ? _attributeNames[_attribute]! : _name;

    public override string NamespaceURI => string.Empty;

    public override XmlNameTable NameTable => _nameTable ??= new NameTable();

    public override XmlNodeType NodeType => _attribute >= 0 ? XmlNodeType.Attribute : _type;

    public override string Prefix => string.Empty;

    public override ReadState ReadState => _eof ? ReadState.EndOfFile : _type == XmlNodeType.None ? ReadState.Initial : ReadState.Interactive;

    public override bool HasValue => NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Attribute;

    public override string Value
    {
        get
        {
            if (!HasValue)
            {
                return string.Empty;
            }

            DecodeValue();
            return new string(_chars, 0, _charsLength);
        }
    }

    public override bool CanReadValueChunk => true;

    public int LineNumber
    {
        get
        {
            CountLines(_nodeStart);
            return _line;
        }
    }

    /// <summary>The column of the current node's name (after '&lt;'), counted in bytes; only line numbers reach messages.</summary>
    public int LinePosition
    {
        get
        {
            CountLines(_nodeStart);
            return _nodeStart - _lineStart + (_type is XmlNodeType.Element ? 2 : _type is XmlNodeType.EndElement ? 3 : 1);
        }
    }

    public bool HasLineInfo() => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public override bool Read()
    {
        _attribute = -1;
        _attributeCount = 0;
        _charsLength = -1;
        if (_eof)
        {
            return false;
        }

        ReadOnlySpan<byte> span = _content.Span;
        while (true)
        {
            int at = _position;
            if (at >= span.Length)
            {
                return End();
            }

            if (span[at] != '<')
            {
                if (ReadText(span, at))
                {
                    return true;
                }

                continue;
            }

            if (at - _lastLessThan - 1 > _limits.MaxMarkupRunBytes || at + 1 >= span.Length)
            {
                throw new XmlHandoverException();
            }

            _lastLessThan = at;
            switch (span[at + 1])
            {
                case (byte)'/':
                    ReadEndTag(span, at);
                    return true;
                case (byte)'?':
                    SkipProcessingInstruction(span, at);
                    continue;
                case (byte)'!' when span[at..].StartsWith("<![CDATA["u8):
                    ReadCData(span, at);
                    return true;
                case (byte)'!':
                    SkipComment(span, at);
                    continue;
                default:
                    ReadStartTag(span, at);
                    return true;
            }
        }
    }
}
