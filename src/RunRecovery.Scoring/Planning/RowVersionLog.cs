namespace RunRecovery.Scoring.Planning;

/// <summary>
/// The row versions a <see cref="VersionedLoadHistory"/> was built from, in the order they were added: immutable
/// chunks of <see cref="ChunkSize"/> entries (24 bytes each: the key and the version) that successive histories share.
/// Appending copies only the last, partly filled chunk and the list of chunks, and changing versions only the chunks
/// they are in, so an entry replaced on every upload leaves garbage of a bounded size instead of a copy of every
/// version (docs/reliability.md, "Soak and capacity").
/// </summary>
internal sealed class RowVersionLog
{
    internal const int ChunkSize = 64;

    private readonly KeyValuePair<Guid, long>[][] _chunks; // every chunk full but the last

    private RowVersionLog(KeyValuePair<Guid, long>[][] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    public static RowVersionLog Empty { get; } = new([], 0);

    public int Count { get; }

    /// <summary>Bytes held: the entries, each chunk's array header and the list of chunks.</summary>
    public long EstimatedBytes => 32 + (Count * 24L) + (_chunks.Length * 40L);

    public IEnumerable<KeyValuePair<Guid, long>> All
    {
        get
        {
            foreach (KeyValuePair<Guid, long>[] chunk in _chunks)
            {
                foreach (KeyValuePair<Guid, long> row in chunk)
                {
                    yield return row;
                }
            }
        }
    }

    /// <summary>This log with <paramref name="added"/> after its entries.</summary>
    public RowVersionLog Append(IReadOnlyList<KeyValuePair<Guid, long>> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (added.Count == 0)
        {
            return this;
        }

        int count = Count + added.Count;
        var chunks = new KeyValuePair<Guid, long>[(count + ChunkSize - 1) / ChunkSize][];
        int full = Count / ChunkSize;
        Array.Copy(_chunks, chunks, full);
        int next = 0;
        for (int c = full; c < chunks.Length; c++)
        {
            int from = c * ChunkSize;
            var chunk = new KeyValuePair<Guid, long>[Math.Min(ChunkSize, count - from)];
            int i = 0;
            if (c < _chunks.Length)
            {
                _chunks[c].CopyTo(chunk, 0); // the old last chunk, partly filled
                i = _chunks[c].Length;
            }

            for (; i < chunk.Length; i++)
            {
                chunk[i] = added[next++];
            }

            chunks[c] = chunk;
        }

        return new RowVersionLog(chunks, count);
    }

    /// <summary>This log with the version of every key in <paramref name="changed"/> that it holds set to the new one;
    /// itself when none is.</summary>
    public RowVersionLog With(IReadOnlyDictionary<Guid, long> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        KeyValuePair<Guid, long>[][]? chunks = null;
        for (int c = 0; c < _chunks.Length && changed.Count > 0; c++)
        {
            KeyValuePair<Guid, long>[] chunk = _chunks[c];
            KeyValuePair<Guid, long>[]? copy = null;
            for (int i = 0; i < chunk.Length; i++)
            {
                if (changed.TryGetValue(chunk[i].Key, out long version) && version != chunk[i].Value)
                {
                    copy ??= (KeyValuePair<Guid, long>[])chunk.Clone();
                    copy[i] = KeyValuePair.Create(chunk[i].Key, version);
                }
            }

            if (copy is not null)
            {
                chunks ??= (KeyValuePair<Guid, long>[][])_chunks.Clone();
                chunks[c] = copy;
            }
        }

        return chunks is null ? this : new RowVersionLog(chunks, Count);
    }
}
