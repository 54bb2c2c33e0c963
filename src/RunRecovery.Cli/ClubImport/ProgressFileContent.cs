using System.Net;
using System.Net.Http.Headers;

namespace RunRecovery.Cli.ClubImport;

/// <summary>An archive file sent as the raw request body, reporting bytes as they go out.</summary>
internal sealed class ProgressFileContent : HttpContent
{
    private readonly string _file;
    private readonly Action<long> _progressed;

    public ProgressFileContent(string file, Action<long> progressed)
    {
        _file = file;
        _progressed = progressed;
        Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = Path.GetFileName(file) };
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using FileStream source = File.OpenRead(_file);
        await CopyAsync(source, stream, new byte[1 << 16], _progressed, cancellationToken);
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> through <paramref name="buffer"/>,
    /// reporting each chunk's bytes as it goes out (the folder's ZIP copies each file the same way).</summary>
    internal static async Task CopyAsync(Stream source, Stream target, byte[] buffer, Action<long> progressed, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            progressed(read);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = new FileInfo(_file).Length;
        return true;
    }
}
