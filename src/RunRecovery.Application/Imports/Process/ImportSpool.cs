namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// The activity files of a fanned-out import, as the expansion found them, in the folder
/// <c>{StorageDirectory}/{importId}.spool/</c> next to the archive. Two kinds of file, each written under a temporary
/// name and renamed once complete, so each one that exists is whole:
/// <list type="bullet">
/// <item>one <b>segment</b> per member (<c>{runnerId}.member</c>): that member's files, one record each (member, entry
/// number, path, bytes) in archive order, renamed as soon as the expansion has passed the member's last entry
/// (<see cref="MemberCursor"/>), so its member job can start while the expansion goes on;</item>
/// <item>the <b>seal</b> (<c>sealed</c>), written last, once the whole archive is expanded: every spooled entry
/// (member, entry number). Its presence says every entry that is in no segment already has its row.</item>
/// </list>
/// And an empty <c>{runnerId}.release</c> per member whose scoring has been released (<see cref="ClaimRelease"/>).
/// docs/reliability.md ("The import, fanned out") explains why this keeps every file stored exactly once.
/// </summary>
public static class ImportSpool
{
    /// <summary>One spooled file; <see cref="Offset"/> is where its bytes start.</summary>
    public sealed record Item(Guid RunnerId, int Ordinal, string Path, long Offset, int Length);

    /// <summary>One spooled entry as the seal lists it.</summary>
    public readonly record struct Entry(Guid RunnerId, int Ordinal);

    private const string SealName = "sealed";
    private const string SegmentExtension = ".member";
    private const string PartialExtension = ".partial";
    private const string ReleaseExtension = ".release";

    public static string SegmentPath(string spool, Guid runnerId) => Path.Combine(spool, $"{runnerId:N}{SegmentExtension}");

    public static bool IsSealed(string spool) => File.Exists(Path.Combine(spool, SealName));

    /// <summary>
    /// Claims the release of the member's scoring for this import (an empty <c>{runnerId}.release</c>, created only if
    /// absent): true for exactly one caller, the one that then releases it. Member jobs claim once every file of the
    /// member has its row; the finish claims every member it imported for. False once claimed, and once the spool is
    /// gone (the import's finish released the member, or leaves it to the sweeper).
    /// </summary>
    public static bool ClaimRelease(string spool, Guid runnerId)
    {
        string path = Path.Combine(spool, $"{runnerId:N}{ReleaseExtension}");
        try
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                return true;
            }
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // claimed already (CreateNew is O_EXCL: one creator wins)
        }
    }

    /// <summary>
    /// The member's files split into member jobs of at most <paramref name="filesPerJob"/> files: (first, count)
    /// positions in the segment's archive order. A segment once whole is final, so the ranges stay valid.
    /// </summary>
    public static IEnumerable<(int First, int Count)> Chunks(int files, int filesPerJob)
    {
        int size = Math.Max(1, filesPerJob);
        for (int first = 0; first < files; first += size)
        {
            yield return (first, Math.Min(size, files - first));
        }
    }

    /// <summary>
    /// Readies the folder for a walk: removes what a run that died mid-walk left half-written (and a spool of the
    /// single-file form used before segments, which the walk writes again), and returns the members whose segments
    /// an earlier run completed, with their entries. Those are final: the walk does not write them again.
    /// </summary>
    public static Dictionary<Guid, List<Item>> Prepare(string spool)
    {
        if (File.Exists(spool))
        {
            File.Delete(spool); // the single-file spool of an import started before segments: not whole-per-member
        }

        Directory.CreateDirectory(spool);
        var earlier = new Dictionary<Guid, List<Item>>();
        foreach (string file in Directory.GetFiles(spool))
        {
            if (file.EndsWith(PartialExtension, StringComparison.Ordinal))
            {
                File.Delete(file);
            }
            else if (file.EndsWith(SegmentExtension, StringComparison.Ordinal)
                && Guid.TryParseExact(Path.GetFileNameWithoutExtension(file), "N", out Guid runnerId))
            {
                earlier[runnerId] = ReadIndex(file);
            }
        }

        return earlier;
    }

    public static Writer CreateSegment(string spool, Guid runnerId) => new(SegmentPath(spool, runnerId));

    /// <summary>Writes the seal: the walk is over and these are all the spooled entries.</summary>
    public static void Seal(string spool, IReadOnlyCollection<Entry> entries)
    {
        string path = Path.Combine(spool, SealName);
        string partial = path + PartialExtension;
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(entries.Count);
            foreach (Entry entry in entries)
            {
                writer.Write(entry.RunnerId.ToByteArray());
                writer.Write(entry.Ordinal);
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>Every spooled entry, or null while the archive is still being expanded (no seal yet).</summary>
    public static List<Entry>? ReadSeal(string spool)
    {
        string path = Path.Combine(spool, SealName);
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream);
        int count = reader.ReadInt32();
        var entries = new List<Entry>(count);
        for (int i = 0; i < count; i++)
        {
            entries.Add(new Entry(new Guid(reader.ReadBytes(16)), reader.ReadInt32()));
        }

        return entries;
    }

    /// <summary>Every record's header in one segment, in archive order; the bytes are skipped.</summary>
    public static List<Item> ReadIndex(string segmentPath)
    {
        var items = new List<Item>();
        using var stream = new FileStream(segmentPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
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

    public static byte[] ReadContent(FileStream segment, Item item)
    {
        byte[] content = new byte[item.Length];
        segment.Position = item.Offset;
        segment.ReadExactly(content);
        return content;
    }

    /// <summary>Bytes the spool holds on disk (whole and half-written files).</summary>
    public static long SizeOf(string spool)
    {
        if (File.Exists(spool))
        {
            return new FileInfo(spool).Length; // the single-file form
        }

        return Directory.Exists(spool) ? new DirectoryInfo(spool).EnumerateFiles().Sum(file => file.Length) : 0;
    }

    /// <summary>Removes the spool (either form); open readers keep reading what they opened.</summary>
    public static void Delete(string spool)
    {
        if (File.Exists(spool))
        {
            File.Delete(spool);
        }
        else if (Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }
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
            _partial = path + PartialExtension;

            // A small buffer: an archive whose members' files are interleaved keeps one segment per member open.
            _stream = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 14);
            _writer = new BinaryWriter(_stream);
        }

        /// <summary>Files added so far.</summary>
        public int Count { get; private set; }

        public void Add(Guid runnerId, int ordinal, string path, byte[] content)
        {
            Count++;
            _writer.Write(runnerId.ToByteArray());
            _writer.Write(ordinal);
            _writer.Write(path);
            _writer.Write(content.Length);
            _writer.Write(content);
        }

        /// <summary>Makes the segment durable and visible under its final name.</summary>
        public void Complete()
        {
            _writer.Flush();
            _stream.Flush(flushToDisk: true);
            _writer.Dispose();
            File.Move(_partial, _path, overwrite: true);
        }

        /// <summary>Closes the file; an incomplete one is deleted (if the spool is still there).</summary>
        public void Dispose()
        {
            _writer.Dispose();
            try
            {
                File.Delete(_partial);
            }
            catch (DirectoryNotFoundException)
            {
                // the import ended (cancelled) and its spool was removed with everything in it
            }
        }
    }
}
