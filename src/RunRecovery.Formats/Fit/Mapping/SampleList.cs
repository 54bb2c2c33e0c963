using System.Collections;
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

    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            var grown = GC.AllocateUninitializedArray<ActivitySample>(capacity);
            _items.AsSpan(0, Count).CopyTo(grown);
            _items = grown;
        }
    }

    public void Add(in ActivitySample sample)
    {
        if (Count == _items.Length)
        {
            EnsureCapacity(Math.Max(256, _items.Length * 2));
        }

        _items[Count++] = sample;
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
