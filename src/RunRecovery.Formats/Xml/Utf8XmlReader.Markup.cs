using System.Runtime.CompilerServices;
using System.Xml;

namespace RunRecovery.Formats.Xml;

/// <summary>Markup: end of input, text, CDATA, start and end tags, attributes (part of <see
/// cref="Utf8XmlReader"/>).</summary>
internal sealed partial class Utf8XmlReader
{
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
        SetValueNode(XmlNodeType.Text, at, at, at + length, entities);
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
        SetValueNode(XmlNodeType.CDATA, at, start, start + length, entities: false);
    }

    /// <summary>
    /// The current node becomes a text or CDATA node at <paramref name="at"/> whose value is the bytes from
    /// <paramref name="valueStart"/> to <paramref name="valueEnd"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetValueNode(XmlNodeType type, int at, int valueStart, int valueEnd, bool entities)
    {
        SetNode(type, _open, string.Empty, empty: false, at);
        _valueStart = valueStart;
        _valueEnd = valueEnd;
        _valueEntities = entities;
    }

    /// <summary>The current node: its type, depth, name, whether it is an empty element, and where its markup starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetNode(XmlNodeType type, int depth, string name, bool empty, int at)
    {
        _type = type;
        _depth = depth;
        _name = name;
        _empty = empty;
        _nodeStart = at;
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
        SetNode(XmlNodeType.Element, _open, name, empty, at);
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
        SetNode(XmlNodeType.EndElement, top, _openNames[top], empty: false, at);
    }
}
