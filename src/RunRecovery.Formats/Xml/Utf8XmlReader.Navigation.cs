using System.Runtime.CompilerServices;
using System.Xml;

namespace RunRecovery.Formats.Xml;

/// <summary>The XmlReader calls the activity readers make: attributes, moving between them, value chunks (part of <see
/// cref="Utf8XmlReader"/>).</summary>
internal sealed partial class Utf8XmlReader
{
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
}
