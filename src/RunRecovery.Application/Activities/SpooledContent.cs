using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace RunRecovery.Application.Activities;

/// <summary>
/// An uploaded file too large to hold as one array (<see cref="UploadOptions.SpoolThresholdBytes"/>): written to a
/// temporary file as it arrives, hashed on the way (SHA-256 of the exact bytes, for the duplicate check), and read
/// back from there by the reader (GPX and TCX as a stream) and by the store (streamed into PostgreSQL). The file is
/// unlinked as soon as it is created, so only this object's handle keeps it: disposing closes it and the disk space
/// is freed, and nothing is left on disk if the process dies (docs/security.md, "Memory per upload").
/// </summary>
public sealed class SpooledContent : IDisposable
{
    /// <summary>Bytes of the start kept in memory: what <see cref="Formats.ActivityFile.Detect"/> looks at.</summary>
    public const int HeadBytes = 64 * 1024;

    private const int ChunkBytes = 64 * 1024;

    private readonly SafeFileHandle _file;
    private int _disposed;

    private SpooledContent(SafeFileHandle file, long length, byte[] sha256, byte[] head)
    {
        _file = file;
        Length = length;
        Sha256 = sha256;
        Head = head;
    }

    public long Length { get; }

    /// <summary>SHA-256 of the whole content, computed while it was received.</summary>
    public byte[] Sha256 { get; }

    /// <summary>The first <see cref="HeadBytes"/> bytes (all of them for a shorter file).</summary>
    public byte[] Head { get; }

    /// <summary>
    /// Receives <paramref name="prefix"/> and then the rest of <paramref name="source"/> into a new spool file in
    /// <paramref name="directory"/>; null (and nothing left behind) when the total passes <paramref name="limit"/>.
    /// The caller owns the result. A failure or cancellation while receiving closes the file before it propagates.
    /// </summary>
    public static async Task<SpooledContent?> ReceiveAsync(
        Stream source, ReadOnlyMemory<byte> prefix, long limit, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"runrecovery-upload-{Guid.NewGuid():N}.spool");
        SafeFileHandle file = File.OpenHandle(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose | FileOptions.Asynchronous : FileOptions.Asynchronous);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path); // the open handle keeps the data; no name is left to clean up, even after a crash
        }

        bool kept = false;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] head = new byte[HeadBytes];
            int headFilled = 0;
            long length = 0;
            ReadOnlyMemory<byte> next = prefix;
            while (true)
            {
                if (next.IsEmpty)
                {
                    int read = await source.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    next = chunk.AsMemory(0, read);
                }

                if (length + next.Length > limit)
                {
                    return null;
                }

                hash.AppendData(next.Span);
                if (headFilled < head.Length)
                {
                    int take = Math.Min(head.Length - headFilled, next.Length);
                    next.Span[..take].CopyTo(head.AsSpan(headFilled));
                    headFilled += take;
                }

                await RandomAccess.WriteAsync(file, next, length, cancellationToken);
                length += next.Length;
                next = ReadOnlyMemory<byte>.Empty;
            }

            kept = true;
            return new SpooledContent(file, length, hash.GetHashAndReset(), headFilled == head.Length ? head : head[..headFilled]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (!kept)
            {
                file.Dispose();
            }
        }
    }

    /// <summary>A read-only, seekable stream over the content, independent of any other opened.</summary>
    public Stream OpenRead() => new Reader(_file, Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _file.Dispose();
        }
    }

    private sealed class Reader(SafeFileHandle file, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= length)
            {
                return 0;
            }

            int read = RandomAccess.Read(file, buffer[..(int)Math.Min(buffer.Length, length - _position)], _position);
            _position += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= length)
            {
                return 0;
            }

            int read = await RandomAccess.ReadAsync(file, buffer[..(int)Math.Min(buffer.Length, length - _position)], _position, cancellationToken);
            _position += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
