using System.Net;

namespace RunRecovery.Cli.ClubImport;

/// <summary>An archive file sent as the raw request body, reporting bytes as they go out.</summary>
internal sealed class ProgressFileContent(string file, Action<long> progressed) : ZipUploadContent(Path.GetFileName(file), progressed)
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using FileStream source = File.OpenRead(file);
        await CopyAsync(source, stream, new byte[1 << 16], cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = new FileInfo(file).Length;
        return true;
    }
}
