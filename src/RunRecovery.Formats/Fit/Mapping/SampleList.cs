using System.Collections;
using System.Runtime.CompilerServices;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// The decoded samples: one array, grown by doubling, allocated without zeroing (ActivitySample holds no
/// references), so a 36,000-record file costs one large allocation rather than a zeroed one plus copies.
/// </summary>
internal sealed class SampleList : IReadOnlyList<ActivitySample>
{
    private ActivitySample[] _items = [];

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    public ActivitySample this[int index] =>
        (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The samples in place, valid until the list changes.</summary>
    public ReadOnlySpan<ActivitySample> AsSpan() => _items.AsSpan(0, Count);

    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            var grown = GC.AllocateUninitializedArray<ActivitySample>(capacity);
            _items.AsSpan(0, Count).CopyTo(grown);
            _items = grown;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // issue 18: once per record
    public void Add(in ActivitySample sample)
    {
        ActivitySample[] items = _items;
        int count = Count;
        if ((uint)count >= (uint)items.Length)
        {
            Grow();
            items = _items;
        }

        items[count] = sample;
        Count = count + 1;
    }

    /// <summary>
    /// The slot after the last sample, for a sample to be built in place (issue 18); it becomes part of the list
    /// only by <see cref="CommitNextSlot"/>, so a slot written and not committed is simply overwritten later.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref ActivitySample NextSlot()
    {
        if ((uint)Count >= (uint)_items.Length)
        {
            Grow();
        }

        return ref _items[Count];
    }

    /// <summary>Makes the slot <see cref="NextSlot"/> returned the last sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CommitNextSlot() => Count++;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        // Doubling stops at the sample limit (RecordMapper thins before passing it), not at twice it.
        int grown = Math.Max(256, _items.Length * 2);
        EnsureCapacity(Count < FitActivityBuilder.MaxSamples ? Math.Min(grown, FitActivityBuilder.MaxSamples) : grown);
    }

    /// <summary>Replaces one sample (HR merge from hr messages).</summary>
    public void Set(int index, in ActivitySample sample)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        _items[index] = sample;
    }

    /// <summary>
    /// Inserts time-only samples before the given positions (ascending; positions index the current list) and
    /// returns their new indexes.
    /// </summary>
    public List<int> InsertAscending(IReadOnlyList<(int Position, DateTimeOffset Time)> inserts)
    {
        var grown = GC.AllocateUninitializedArray<ActivitySample>(Count + inserts.Count);
        var newIndexes = new List<int>(inserts.Count);
        int write = 0;
        int next = 0;
        for (int read = 0; read <= Count; read++)
        {
            while (next < inserts.Count && inserts[next].Position == read)
            {
                newIndexes.Add(write);
                grown[write++] = new ActivitySample(inserts[next++].Time);
            }

            if (read < Count)
            {
                grown[write++] = _items[read];
            }
        }

        _items = grown;
        Count = write;
        return newIndexes;
    }

    /// <summary>Removes the samples at the given ascending indexes, keeping the order of the rest.</summary>
    public void RemoveAscending(IReadOnlyList<int> indexes)
    {
        int write = 0;
        int next = 0;
        for (int read = 0; read < Count; read++)
        {
            if (next < indexes.Count && indexes[next] == read)
            {
                next++;
                continue;
            }

            _items[write++] = _items[read];
        }

        Count = write;
    }

    public IEnumerator<ActivitySample> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
