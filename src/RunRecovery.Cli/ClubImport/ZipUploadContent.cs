using System.Net;
using System.Net.Http.Headers;

namespace RunRecovery.Cli.ClubImport;

/// <summary>
/// A ZIP sent as the raw request body of a club import, reporting bytes as they go out: an archive file as it stands
/// (<see cref="ProgressFileContent"/>) or a folder zipped as it is read (<see cref="ZipFolderContent"/>).
/// </summary>
internal abstract class ZipUploadContent : HttpContent
{
    private readonly Action<long> _progressed;

    protected ZipUploadContent(string fileName, Action<long> progressed)
    {
        _progressed = progressed;
        Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> through <paramref name="buffer"/>,
    /// reporting each chunk's bytes as it goes out.</summary>
    protected async Task CopyAsync(Stream source, Stream target, byte[] buffer, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            _progressed(read);
        }
    }
}
