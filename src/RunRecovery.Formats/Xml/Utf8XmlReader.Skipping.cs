using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace RunRecovery.Formats.Xml;

/// <summary>What is skipped or only checked: processing instructions, the XML declaration, comments; name and byte
/// scans (part of <see cref="Utf8XmlReader"/>).</summary>
internal sealed partial class Utf8XmlReader
{
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
}
