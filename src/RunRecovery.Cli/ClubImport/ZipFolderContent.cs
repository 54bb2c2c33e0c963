using System.IO.Compression;
using System.Net;

namespace RunRecovery.Cli.ClubImport;

/// <summary>
/// A folder sent as a ZIP that is written straight into the request body (chunked) as it is read: no temporary
/// file, and memory bounded by one file's copy buffer. Entry names are the paths relative to the folder.
/// </summary>
internal sealed class ZipFolderContent(string folder, IReadOnlyList<string> files, Action<long> progressed)
    : ZipUploadContent(System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(folder)) + ".zip", progressed)
{
    /// <summary>Bytes of the files in the folder (what the progress counts).</summary>
    public long SourceBytes => files.Sum(file => new FileInfo(file).Length);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using ZipArchive zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        byte[] buffer = new byte[1 << 16];
        foreach (string file in files)
        {
            string name = System.IO.Path.GetRelativePath(folder, file).Replace('\\', '/');
            ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Fastest);
            await using Stream target = await entry.OpenAsync(cancellationToken);
            await using FileStream source = File.OpenRead(file);
            await CopyAsync(source, target, buffer, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false; // chunked: the ZIP's size is known only once it is written
    }
}
