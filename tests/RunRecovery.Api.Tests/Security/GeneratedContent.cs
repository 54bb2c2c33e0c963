using System.Net;
using System.Net.Http.Headers;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// A request body produced while it is sent (64 KB at a time), never held in memory: <paramref name="length"/>
/// bytes of a fixed pseudo-random pattern after an optional <paramref name="prefix"/>. With
/// <paramref name="chunked"/> the length is not announced (Transfer-Encoding: chunked).
/// </summary>
internal sealed class GeneratedContent(long length, bool chunked = false, byte[]? prefix = null) : HttpContent
{
    private const int ChunkBytes = 64 * 1024;

    private long _sent;

    public long Length => length;

    /// <summary>Bytes handed to the connection so far (the server may stop reading long before the end).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] chunk = new byte[ChunkBytes];
        new Random(9).NextBytes(chunk);
        long sent = 0;
        if (prefix is not null)
        {
            await stream.WriteAsync(prefix, cancellationToken);
            sent = prefix.Length;
            Interlocked.Add(ref _sent, prefix.Length);
        }

        while (sent < length)
        {
            int count = (int)Math.Min(chunk.Length, length - sent);
            await stream.WriteAsync(chunk.AsMemory(0, count), cancellationToken);
            sent += count;
            Interlocked.Add(ref _sent, count);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return !chunked;
    }

    public static GeneratedContent Garbage(long length, string contentType = "application/vnd.ant.fit", bool chunked = false, string? fileName = null)
    {
        var content = new GeneratedContent(length, chunked);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (fileName is not null)
        {
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        }

        return content;
    }
}
