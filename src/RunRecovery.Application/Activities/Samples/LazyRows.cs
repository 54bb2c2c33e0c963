using System.Collections;

namespace RunRecovery.Application.Activities.Samples;

/// <summary>
/// A series whose values are computed as they are read (the JSON writer reads each once): a long series is written
/// without an array per stream first (at 1 s rows a 6-day file's nine streams were 26 MB of large-object-heap arrays
/// per request, and with them full collections of the service's heap).
/// </summary>
internal sealed class LazyRows<T>(int count, Func<int, T> at) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? at(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return at(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
