using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace RunRecovery.Cli.ClubImport;

/// <summary>
/// A folder sent as a ZIP that is written straight into the request body (chunked) as it is read: no temporary
/// file, and memory bounded by one file's copy buffer. Entry names are the paths relative to the folder.
/// </summary>
internal sealed class ZipFolderContent : HttpContent
{
    private readonly string _folder;
    private readonly IReadOnlyList<string> _files;
    private readonly Action<long> _progressed;

    public ZipFolderContent(string folder, IReadOnlyList<string> files, Action<long> progressed)
    {
        _folder = folder;
        _files = files;
        _progressed = progressed;
        Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(folder)) + ".zip" };
    }

    /// <summary>Bytes of the files in the folder (what the progress counts).</summary>
    public long SourceBytes => _files.Sum(file => new FileInfo(file).Length);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using ZipArchive zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        byte[] buffer = new byte[1 << 16];
        foreach (string file in _files)
        {
            string name = System.IO.Path.GetRelativePath(_folder, file).Replace('\\', '/');
            ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Fastest);
            await using Stream target = await entry.OpenAsync(cancellationToken);
            await using FileStream source = File.OpenRead(file);
            await ProgressFileContent.CopyAsync(source, target, buffer, _progressed, cancellationToken);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false; // chunked: the ZIP's size is known only once it is written
    }
}
