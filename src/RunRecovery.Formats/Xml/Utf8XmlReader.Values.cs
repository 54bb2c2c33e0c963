using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace RunRecovery.Formats.Xml;

/// <summary>Names, the open-element stack, attribute lookup, value decoding and entity references, line numbers (part
/// of <see cref="Utf8XmlReader"/>).</summary>
internal sealed partial class Utf8XmlReader
{
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
