namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// The activity files of a fanned-out import, as the expansion found them: one record per file (member, entry
/// number, path, bytes) in archive order, in <c>{StorageDirectory}/{importId}.spool</c> next to the archive. The file
/// is written under a temporary name and renamed once complete, so a spool that exists is whole: its presence says
/// the expansion has finished and every entry that is not in it already has its row.
/// </summary>
public static class ImportSpool
{
    /// <summary>One spooled file; <see cref="Offset"/> is where its bytes start.</summary>
    public sealed record Item(Guid RunnerId, int Ordinal, string Path, long Offset, int Length);

    public static Writer Create(string path) => new(path);

    /// <summary>Every record's header, in archive order; the bytes are skipped.</summary>
    public static List<Item> ReadIndex(string path)
    {
        var items = new List<Item>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        using var reader = new BinaryReader(stream);
        while (stream.Position < stream.Length)
        {
            var runnerId = new Guid(reader.ReadBytes(16));
            int ordinal = reader.ReadInt32();
            string entryPath = reader.ReadString();
            int length = reader.ReadInt32();
            items.Add(new Item(runnerId, ordinal, entryPath, stream.Position, length));
            stream.Seek(length, SeekOrigin.Current);
        }

        return items;
    }

    public static byte[] ReadContent(FileStream spool, Item item)
    {
        byte[] content = new byte[item.Length];
        spool.Position = item.Offset;
        spool.ReadExactly(content);
        return content;
    }

    public sealed class Writer : IDisposable
    {
        private readonly string _path;
        private readonly string _partial;
        private readonly FileStream _stream;
        private readonly BinaryWriter _writer;

        internal Writer(string path)
        {
            _path = path;
            _partial = path + ".partial";
            _stream = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            _writer = new BinaryWriter(_stream);
        }

        public void Add(Guid runnerId, int ordinal, string path, byte[] content)
        {
            _writer.Write(runnerId.ToByteArray());
            _writer.Write(ordinal);
            _writer.Write(path);
            _writer.Write(content.Length);
            _writer.Write(content);
        }

        /// <summary>Makes the spool durable and visible under its final name.</summary>
        public void Complete()
        {
            _writer.Flush();
            _stream.Flush(flushToDisk: true);
            _writer.Dispose();
            File.Move(_partial, _path, overwrite: true);
        }

        /// <summary>Closes the file; an incomplete one is deleted.</summary>
        public void Dispose()
        {
            _writer.Dispose();
            File.Delete(_partial);
        }
    }
}
