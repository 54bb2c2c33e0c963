using System.Runtime.CompilerServices;
using System.Text;
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
internal sealed class Utf8XmlReader : XmlReader, IXmlLineInfo
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

    /// <summary>
    /// Whether the rest of the content after what was read (the parser stops at the root's end tag) is only
    /// whitespace within the markup-run limit, so that reading on could not have changed the reference's result.
    /// </summary>
    public bool RestIsBlank()
    {
        return Scan(_content.Span[_position..]) == 0 && _content.Length - _lastLessThan - 1 <= _limits.MaxMarkupRunBytes;
    }

    public override string GetAttribute(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, AttributeCount);
        return DecodeAttribute(i);
    }

    public override string? GetAttribute(string name)
    {
        int i = FindAttribute(name);
        return i < 0 ? null : DecodeAttribute(i);
    }

    public override string? GetAttribute(string name, string? namespaceURI) =>
        string.IsNullOrEmpty(namespaceURI) ? GetAttribute(name) : null;

    public override string? LookupNamespace(string prefix) => null;

    public override void MoveToAttribute(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, AttributeCount);
        _attribute = i;
        _charsLength = -1;
        _chunkOffset = 0;
    }

    public override bool MoveToAttribute(string name)
    {
        int i = FindAttribute(name);
        if (i >= 0)
        {
            MoveToAttribute(i);
        }

        return i >= 0;
    }

    public override bool MoveToAttribute(string name, string? ns) => string.IsNullOrEmpty(ns) && MoveToAttribute(name);

    public override bool MoveToElement()
    {
        bool moved = _attribute >= 0;
        _attribute = -1;
        _charsLength = -1;
        return moved;
    }

    public override bool MoveToFirstAttribute()
    {
        if (AttributeCount == 0)
        {
            return false;
        }

        MoveToAttribute(0);
        return true;
    }

    public override bool MoveToNextAttribute()
    {
        if (_attribute + 1 >= AttributeCount)
        {
            return false;
        }

        MoveToAttribute(_attribute + 1);
        return true;
    }

    public override bool ReadAttributeValue() => false;

    public override void ResolveEntity() => throw new InvalidOperationException("The subset reader has no entity references.");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public override int ReadValueChunk(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!HasValue)
        {
            return 0;
        }

        if (_charsLength < 0)
        {
            DecodeValue();
            _chunkOffset = 0;
        }

        int n = Math.Min(count, _charsLength - _chunkOffset);
        _chars.AsSpan(_chunkOffset, n).CopyTo(buffer.AsSpan(index, n));
        _chunkOffset += n;
        return n;
    }

    private bool End()
    {
        if (_open > 0 || !_rootSeen)
        {
            throw new XmlHandoverException(); // unclosed elements, or no root: the reference words the error
        }

        _eof = true;
        _type = XmlNodeType.None;
        _depth = 0;
        _name = string.Empty;
        return false;
    }

    /// <summary>A run of text at <paramref name="at"/>; true when it is a node to report (not whitespace only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadText(ReadOnlySpan<byte> span, int at)
    {
        int length = span[at..].IndexOf((byte)'<');
        if (length < 0 || at + length - _lastLessThan - 1 > _limits.MaxMarkupRunBytes)
        {
            throw new XmlHandoverException(); // text running to the end, or a run the guard would refuse
        }

        ReadOnlySpan<byte> text = span.Slice(at, length);
        _position = at + length;
        int found = Scan(text);
        if (found == 0)
        {
            return false; // whitespace only
        }

        if (_open == 0 || (found & Forbidden) != 0 || ((found & Bracket) != 0 && text.IndexOf("]]>"u8) >= 0))
        {
            throw new XmlHandoverException(); // text outside the root, a character the subset leaves out, or "]]>"
        }

        bool entities = (found & Ampersand) != 0;

        _type = XmlNodeType.Text;
        _depth = _open;
        _name = string.Empty;
        _empty = false;
        _nodeStart = at;
        _valueStart = at;
        _valueEnd = at + length;
        _valueEntities = entities;
        if (entities)
        {
            DecodeValue(); // checks the references now, as the reference reader would while reading
        }

        return true;
    }

    /// <summary>A CDATA section: reported as such (even when only whitespace), its content taken as it stands.</summary>
    private void ReadCData(ReadOnlySpan<byte> span, int at)
    {
        int start = at + 9;
        int length = span[start..].IndexOf("]]>"u8);
        if (length < 0 || _open == 0 || (Scan(span.Slice(start, length)) & Forbidden) != 0)
        {
            throw new XmlHandoverException(); // unclosed, or outside the root
        }

        _position = start + length + 3;
        _type = XmlNodeType.CDATA;
        _depth = _open;
        _name = string.Empty;
        _empty = false;
        _nodeStart = at;
        _valueStart = start;
        _valueEnd = start + length;
        _valueEntities = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadStartTag(ReadOnlySpan<byte> span, int at)
    {
        int nameStart = at + 1;
        int i = ScanName(span, nameStart);
        int nameLength = i - nameStart;
        string name = Intern(span.Slice(nameStart, nameLength));
        if (_open == 0 && _rootSeen)
        {
            throw new XmlHandoverException(); // a second root
        }

        int count = 0;
        bool empty;
        while (true)
        {
            int before = i;
            while (i < span.Length && IsWhitespace(span[i]))
            {
                i++;
            }

            if (i >= span.Length)
            {
                throw new XmlHandoverException();
            }

            byte b = span[i];
            if (b == '>')
            {
                empty = false;
                i++;
                break;
            }

            if (b == '/')
            {
                if (i + 1 >= span.Length || span[i + 1] != '>')
                {
                    throw new XmlHandoverException();
                }

                empty = true;
                i += 2;
                break;
            }

            if (i == before)
            {
                throw new XmlHandoverException(); // attributes must be separated by whitespace
            }

            i = ReadAttribute(span, i, count++);
        }

        _attributeCount = count;
        CheckDuplicateAttributes(span);
        _position = i;
        _type = XmlNodeType.Element;
        _depth = _open;
        _name = name;
        _empty = empty;
        _nodeStart = at;
        _rootSeen = true;
        if (!empty)
        {
            Push(nameStart, nameLength, name);
        }
    }

    /// <summary>Reads the attribute at <paramref name="i"/> into slot <paramref name="slot"/>; returns the position after it.</summary>
    private int ReadAttribute(ReadOnlySpan<byte> span, int i, int slot)
    {
        int nameStart = i;
        i = ScanName(span, i);
        int nameLength = i - nameStart;
        while (i < span.Length && IsWhitespace(span[i]))
        {
            i++;
        }

        if (i >= span.Length || span[i] != '=')
        {
            throw new XmlHandoverException();
        }

        i++;
        while (i < span.Length && IsWhitespace(span[i]))
        {
            i++;
        }

        if (i >= span.Length || span[i] is not ((byte)'"' or (byte)'\''))
        {
            throw new XmlHandoverException();
        }

        byte quote = span[i];
        int valueStart = i + 1;
        int valueLength = span[valueStart..].IndexOf(quote);
        if (valueLength < 0)
        {
            throw new XmlHandoverException();
        }

        int found = Scan(span.Slice(valueStart, valueLength));
        if ((found & (LessThan | Forbidden)) != 0)
        {
            throw new XmlHandoverException();
        }

        if (5 * (slot + 1) > _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributes.Length * 2);
            Array.Resize(ref _attributeNames, _attributeNames.Length * 2);
        }

        int k = 5 * slot;
        _attributes[k] = nameStart;
        _attributes[k + 1] = nameLength;
        _attributes[k + 2] = valueStart;
        _attributes[k + 3] = valueStart + valueLength;
        _attributes[k + 4] = (found & Ampersand) != 0 ? 1 : 0;
        _attributeNames[slot] = Intern(span.Slice(nameStart, nameLength));
        if (_attributes[k + 4] == 1)
        {
            _ = DecodeAttribute(slot); // checks the references now, as the reference reader would while reading
        }

        return valueStart + valueLength + 1;
    }

    private void CheckDuplicateAttributes(ReadOnlySpan<byte> span)
    {
        for (int a = 1; a < _attributeCount; a++)
        {
            for (int b = 0; b < a; b++)
            {
                if (ReferenceEquals(_attributeNames[a], _attributeNames[b])
                    || span.Slice(_attributes[5 * a], _attributes[(5 * a) + 1]).SequenceEqual(span.Slice(_attributes[5 * b], _attributes[(5 * b) + 1])))
                {
                    throw new XmlHandoverException();
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadEndTag(ReadOnlySpan<byte> span, int at)
    {
        if (_open == 0)
        {
            throw new XmlHandoverException();
        }

        int top = _open - 1;
        int nameStart = at + 2;
        int length = _openLengths[top];
        if (nameStart + length >= span.Length
            || !span.Slice(nameStart, length).SequenceEqual(span.Slice(_openStarts[top], length)))
        {
            throw new XmlHandoverException();
        }

        int i = nameStart + length;
        while (i < span.Length && IsWhitespace(span[i]))
        {
            i++;
        }

        if (i >= span.Length || span[i] != '>')
        {
            throw new XmlHandoverException(); // a longer name, or junk before '>'
        }

        _open = top;
        _position = i + 1;
        _type = XmlNodeType.EndElement;
        _depth = top;
        _name = _openNames[top];
        _empty = false;
        _nodeStart = at;
    }

    /// <summary>Skips a processing instruction; the XML declaration is accepted only first and only as version 1.0 in UTF-8.</summary>
    private void SkipProcessingInstruction(ReadOnlySpan<byte> span, int at)
    {
        int targetStart = at + 2;
        int i = ScanName(span, targetStart);
        ReadOnlySpan<byte> target = span[targetStart..i];
        int end = span[i..].IndexOf("?>"u8);
        if (end < 0)
        {
            throw new XmlHandoverException();
        }

        ReadOnlySpan<byte> body = span.Slice(i, end);
        if ((Scan(body) & Forbidden) != 0)
        {
            throw new XmlHandoverException();
        }

        if (Ascii.EqualsIgnoreCase(target, "xml"u8))
        {
            if (at != 0 || !target.SequenceEqual("xml"u8) || !IsDeclaration(body))
            {
                throw new XmlHandoverException();
            }
        }
        else if (body.Length > 0 && !IsWhitespace(body[0]))
        {
            throw new XmlHandoverException();
        }

        _position = i + end + 2;
    }

    /// <summary>The declaration's pseudo-attributes exactly as <c>version="1.0"</c>, optional <c>encoding="UTF-8"</c> and <c>standalone="yes|no"</c>.</summary>
    private static bool IsDeclaration(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> rest = body;
        if (!Pseudo(ref rest, "version"u8, out ReadOnlySpan<byte> version) || !version.SequenceEqual("1.0"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> saved = rest;
        if (Pseudo(ref rest, "encoding"u8, out ReadOnlySpan<byte> encoding))
        {
            if (!Ascii.EqualsIgnoreCase(encoding, "utf-8"u8))
            {
                return false;
            }
        }
        else
        {
            rest = saved;
        }

        saved = rest;
        if (Pseudo(ref rest, "standalone"u8, out ReadOnlySpan<byte> standalone))
        {
            if (!standalone.SequenceEqual("yes"u8) && !standalone.SequenceEqual("no"u8))
            {
                return false;
            }
        }
        else
        {
            rest = saved;
        }

        return Scan(rest) == 0;
    }

    /// <summary>Whitespace, <paramref name="name"/>, '=', a quoted value; advances <paramref name="rest"/> past it.</summary>
    private static bool Pseudo(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        int i = 0;
        while (i < rest.Length && IsWhitespace(rest[i]))
        {
            i++;
        }

        if (i == 0 || !rest[i..].StartsWith(name))
        {
            return false;
        }

        i += name.Length;
        while (i < rest.Length && IsWhitespace(rest[i]))
        {
            i++;
        }

        if (i >= rest.Length || rest[i] != '=')
        {
            return false;
        }

        i++;
        while (i < rest.Length && IsWhitespace(rest[i]))
        {
            i++;
        }

        if (i >= rest.Length || rest[i] is not ((byte)'"' or (byte)'\''))
        {
            return false;
        }

        int end = rest[(i + 1)..].IndexOf(rest[i]);
        if (end < 0)
        {
            return false;
        }

        value = rest.Slice(i + 1, end);
        rest = rest[(i + end + 2)..];
        return true;
    }

    /// <summary>Skips a comment; anything else after "&lt;!" but CDATA (a DOCTYPE) is handed over.</summary>
    private void SkipComment(ReadOnlySpan<byte> span, int at)
    {
        if (!span[at..].StartsWith("<!--"u8))
        {
            throw new XmlHandoverException();
        }

        int dashes = span[(at + 4)..].IndexOf("--"u8);
        if (dashes < 0 || at + 4 + dashes + 2 >= span.Length || span[at + 4 + dashes + 2] != '>'
            || (Scan(span.Slice(at + 4, dashes)) & Forbidden) != 0)
        {
            throw new XmlHandoverException(); // unclosed, or "--" inside the comment
        }

        _position = at + 4 + dashes + 3;
    }

    /// <summary>The end of the name at <paramref name="i"/>: ASCII name characters, at most one colon, each part starting with a letter or '_'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ScanName(ReadOnlySpan<byte> span, int i)
    {
        byte[] classes = NameClass;
        bool colon = false;
        while (true)
        {
            if (i >= span.Length || classes[span[i]] != 1)
            {
                throw new XmlHandoverException();
            }

            i++;
            while (i < span.Length && classes[span[i]] != 0)
            {
                i++;
            }

            if (i < span.Length && span[i] == ':' && !colon)
            {
                colon = true;
                i++;
                continue;
            }

            return i;
        }
    }

    /// <summary>What a run of content holds (<see cref="NonWhitespace"/>, <see cref="Ampersand"/>…); 0 when only whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scan(ReadOnlySpan<byte> bytes)
    {
        byte[] classes = ByteClass;
        int found = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            int c = classes[bytes[i]];
            if (c > LessThan)
            {
                c = c == LeadEF ? (i + 1 < bytes.Length && bytes[i + 1] == 0xBF ? Forbidden : NonWhitespace) : c;
            }

            found |= c;
        }

        return found;
    }

    private static byte[] BuildByteClass()
    {
        byte[] classes = new byte[256];
        for (int b = 0; b < 256; b++)
        {
            classes[b] = b switch
            {
                ' ' or '\t' or '\r' or '\n' => 0,
                < 0x20 => Forbidden | NonWhitespace,
                '&' => Ampersand | NonWhitespace,
                ']' => Bracket | NonWhitespace,
                '<' => LessThan | NonWhitespace,
                0xEF => LeadEF,
                _ => NonWhitespace,
            };
        }

        return classes;
    }

    private static byte[] BuildNameClass()
    {
        byte[] classes = new byte[256];
        for (int c = 0; c < 128; c++)
        {
            if (char.IsAsciiLetter((char)c) || c == '_')
            {
                classes[c] = 1;
            }
            else if (char.IsAsciiDigit((char)c) || c is '-' or '.')
            {
                classes[c] = 2;
            }
        }

        return classes;
    }

    /// <summary>The string for an ASCII name, from a small cache: a file uses a few dozen names millions of times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Intern(ReadOnlySpan<byte> name)
    {
        int slot = ((name.Length * 31) + (name[0] * 7) + (name[^1] * 3) + name[name.Length >> 1]) & (NameCacheSize - 1);
        byte[]? cached = _nameBytes[slot];
        if (cached is not null && name.SequenceEqual(cached))
        {
            return _names[slot]!;
        }

        string text = Encoding.ASCII.GetString(name);
        _nameBytes[slot] = name.ToArray();
        _names[slot] = text;
        return text;
    }

    private void Push(int start, int length, string name)
    {
        if (_open == _openStarts.Length)
        {
            Array.Resize(ref _openStarts, _open * 2);
            Array.Resize(ref _openLengths, _open * 2);
            Array.Resize(ref _openNames, _open * 2);
        }

        _openStarts[_open] = start;
        _openLengths[_open] = length;
        _openNames[_open] = name;
        _open++;
    }

    private int FindAttribute(string name)
    {
        if (_type != XmlNodeType.Element)
        {
            return -1;
        }

        for (int i = 0; i < _attributeCount; i++)
        {
            if (_attributeNames[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private string DecodeAttribute(int i)
    {
        int k = 5 * i;
        int length = Decode(_content.Span[_attributes[k + 2].._attributes[k + 3]], _attributes[k + 4] == 1);
        _charsLength = -1; // _chars no longer holds the current node's value
        return new string(_chars, 0, length);
    }

    /// <summary>Decodes the current text node's or attribute's value into <see cref="_chars"/>.</summary>
    private void DecodeValue()
    {
        if (_charsLength >= 0)
        {
            return;
        }

        if (_attribute >= 0)
        {
            int k = 5 * _attribute;
            _charsLength = Decode(_content.Span[_attributes[k + 2].._attributes[k + 3]], _attributes[k + 4] == 1);
        }
        else
        {
            _charsLength = Decode(_content.Span[_valueStart.._valueEnd], _valueEntities);
        }

        _chunkOffset = 0;
    }

    /// <summary>
    /// UTF-8 (validated when the reader was opened) into <see cref="_chars"/>, with the predefined entities and
    /// character references expanded; anything else after '&amp;' is handed over. Returns the length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Decode(ReadOnlySpan<byte> raw, bool entities)
    {
        if (_chars.Length < raw.Length)
        {
            _chars = new char[Math.Max(raw.Length, 2 * _chars.Length)];
        }

        if (!entities)
        {
            Utf8.ToUtf16(raw, _chars, out _, out int written, replaceInvalidSequences: false);
            return written;
        }

        int length = 0;
        while (raw.Length > 0)
        {
            int amp = raw.IndexOf((byte)'&');
            ReadOnlySpan<byte> plain = amp < 0 ? raw : raw[..amp];
            Utf8.ToUtf16(plain, _chars.AsSpan(length), out _, out int written, replaceInvalidSequences: false);
            length += written;
            if (amp < 0)
            {
                break;
            }

            raw = raw[amp..];
            int semicolon = raw[..Math.Min(raw.Length, 12)].IndexOf((byte)';');
            if (semicolon < 0)
            {
                throw new XmlHandoverException();
            }

            length += Reference(raw[1..semicolon], _chars.AsSpan(length));
            raw = raw[(semicolon + 1)..];
        }

        return length;
    }

    /// <summary>One reference's characters (between '&amp;' and ';') into <paramref name="into"/>; returns how many (1 or 2).</summary>
    private static int Reference(ReadOnlySpan<byte> name, Span<char> into)
    {
        char single = name switch
        {
            _ when name.SequenceEqual("amp"u8) => '&',
            _ when name.SequenceEqual("lt"u8) => '<',
            _ when name.SequenceEqual("gt"u8) => '>',
            _ when name.SequenceEqual("quot"u8) => '"',
            _ when name.SequenceEqual("apos"u8) => '\'',
            _ => '\0',
        };
        if (single != '\0')
        {
            into[0] = single;
            return 1;
        }

        if (name.Length < 2 || name[0] != '#')
        {
            throw new XmlHandoverException(); // an entity no DTD may declare here
        }

        bool hex = name[1] == 'x';
        ReadOnlySpan<byte> digits = hex ? name[2..] : name[1..];
        if (digits.IsEmpty || digits.Length > 6)
        {
            throw new XmlHandoverException();
        }

        int value = 0;
        foreach (byte d in digits)
        {
            int digit = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                : hex && d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                : hex && d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                : -1;
            if (digit < 0)
            {
                throw new XmlHandoverException();
            }

            value = (value * (hex ? 16 : 10)) + digit;
        }

        // Whitespace references (which decide whether a text is whitespace only) and the non-characters go to the reference.
        if (value < 0x21 || value is >= 0xD800 and <= 0xDFFF or 0xFFFE or 0xFFFF || value > 0x10FFFF)
        {
            throw new XmlHandoverException();
        }

        return new Rune(value).EncodeToUtf16(into);
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>Brings the line count up to <paramref name="position"/> (line breaks as XML counts them: CRLF, CR or LF).</summary>
    private void CountLines(int position)
    {
        if (position <= _lineCountedTo)
        {
            return;
        }

        ReadOnlySpan<byte> span = _content.Span[_lineCountedTo..position];
        if (span.Contains((byte)'\r'))
        {
            for (int i = 0; i < span.Length; i++)
            {
                if (span[i] == '\n' || (span[i] == '\r' && (_lineCountedTo + i + 1 >= _content.Length || _content.Span[_lineCountedTo + i + 1] != '\n')))
                {
                    _line++;
                    _lineStart = _lineCountedTo + i + 1;
                }
            }
        }
        else
        {
            int breaks = span.Count((byte)'\n');
            if (breaks > 0)
            {
                _line += breaks;
                _lineStart = _lineCountedTo + span.LastIndexOf((byte)'\n') + 1;
            }
        }

        _lineCountedTo = position;
    }
}
