using System.Runtime.CompilerServices;
using RunRecovery.Formats.Errors;

namespace RunRecovery.Formats.Xml;

/// <summary>
/// A read-only stream filter that refuses XML before the parser can buffer something huge: any run of
/// more than <see cref="XmlLimits.MaxMarkupRunBytes"/> bytes without a '&lt;' (one attribute value, tag or
/// text node larger than the limit) and documents above <see cref="XmlLimits.MaxDocumentBytes"/>.
/// The check is a vectorised byte search, so it costs little next to parsing.
/// </summary>
internal sealed class GuardedXmlStream(Stream inner, XmlLimits limits) : Stream
{
    private long _position;
    private long _lastLessThan = -1;

    public long Position64 => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    private void Check(ReadOnlySpan<byte> chunk)
    {
        long start = _position;
        int last = chunk.LastIndexOf((byte)'<');
        if (last >= 0)
        {
            int first = chunk.IndexOf((byte)'<');
            if (start + first - _lastLessThan - 1 > limits.MaxMarkupRunBytes)
            {
                Refuse(_lastLessThan + 1);
            }

            // Gaps inside the chunk: walk '<' to '<' only when the chunk is longer than the limit.
            if (chunk.Length > limits.MaxMarkupRunBytes)
            {
                int previous = first;
                ReadOnlySpan<byte> rest = chunk[(first + 1)..];
                int consumed = first + 1;
                while (true)
                {
                    int next = rest.IndexOf((byte)'<');
                    if (next < 0)
                    {
                        break;
                    }

                    if (next > limits.MaxMarkupRunBytes)
                    {
                        Refuse(start + previous + 1);
                    }

                    previous = consumed + next;
                    consumed = previous + 1;
                    rest = chunk[consumed..];
                }
            }

            _lastLessThan = start + last;
        }

        _position += chunk.Length;
        if (_position - _lastLessThan - 1 > limits.MaxMarkupRunBytes)
        {
            Refuse(_lastLessThan + 1);
        }

        if (_position > limits.MaxDocumentBytes)
        {
            throw new XmlSecurityException(
                $"XML document larger than {limits.MaxDocumentBytes} bytes refused.", null, null, limits.MaxDocumentBytes);
        }
    }

    private void Refuse(long runStart) =>
        throw new XmlSecurityException(
            $"XML refused: more than {limits.MaxMarkupRunBytes} bytes without markup starting at byte {runStart} " +
            "(an attribute, tag or text node that large is not a real activity file).",
            null, null, runStart);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
