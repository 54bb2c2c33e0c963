using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities.Samples;

/// <summary>
/// The timed samples of a file cut into rows of <c>every</c> seconds from the first timed sample, in one linear pass:
/// row <c>r</c> holds the sample indexes <c>Indexes[Bounds[r]..Bounds[r + 1]]</c>, in file order within the row.
/// Samples are time-ordered in every real file; one whose times go backwards is sorted once (stably, by row), so the
/// rows are the same as grouping by row number and ordering the groups. No row is empty.
/// </summary>
internal sealed class SampleRows
{
    private readonly int[] _indexes;
    private readonly int[] _bounds;
    private readonly long[] _keys;
    private readonly int _every;

    private SampleRows(DateTimeOffset? start, int every, int[] indexes, int[] bounds, long[] keys, int count)
    {
        Start = start;
        _every = every;
        _indexes = indexes;
        _bounds = bounds;
        _keys = keys;
        Count = count;
    }

    /// <summary>The first timed sample's time (in file order): offsets count from it.</summary>
    public DateTimeOffset? Start { get; }

    public int Count { get; }

    /// <summary>The sample indexes of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> this[int row] => _indexes.AsSpan(_bounds[row], _bounds[row + 1] - _bounds[row]);

    public static SampleRows Of(IReadOnlyList<ActivitySample> samples, int every)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int[] order = new int[samples.Count];
        long[] keys = new long[samples.Count];
        int timed = 0;
        DateTimeOffset? start = null;
        bool ordered = true;
        for (int i = 0; i < samples.Count; i++)
        {
            ActivitySample sample = samples[i];
            if (sample.TimeMissing)
            {
                continue;
            }

            start ??= sample.Time;
            long key = (long)Math.Floor((sample.Time - start.Value).TotalSeconds / every);
            ordered &= timed == 0 || key >= keys[timed - 1];
            order[timed] = i;
            keys[timed++] = key;
        }

        if (!ordered)
        {
            int[] byRow = [.. Enumerable.Range(0, timed).OrderBy(k => keys[k])]; // stable
            order = [.. byRow.Select(k => order[k])];
            keys = [.. byRow.Select(k => keys[k])];
        }

        // Rows in place: row r starts at bounds[r] and has key rowKeys[r] (written over keys, never ahead of the read).
        int[] bounds = new int[timed + 1];
        int rows = 0;
        for (int k = 0; k < timed; k++)
        {
            if (k == 0 || keys[k] != keys[rows - 1])
            {
                bounds[rows] = k;
                keys[rows++] = keys[k];
            }
        }

        bounds[rows] = timed;
        return new SampleRows(start, every, order, bounds, keys, rows);
    }

    /// <summary>Each row's start in seconds from <see cref="Start"/>.</summary>
    public IReadOnlyList<double> Offsets() => new LazyRows<double>(Count, row => (double)(_keys[row] * _every));

    /// <summary>Each row's average of the values present, rounded; null where none is (or the sum is not finite).</summary>
    public IReadOnlyList<double?> Averages(Func<int, double?> value, int digits) => new LazyRows<double?>(Count, row =>
    {
        double sum = 0;
        int count = 0;
        foreach (int i in this[row])
        {
            if (value(i) is { } v)
            {
                sum += v;
                count++;
            }
        }

        double average = sum / count;
        return count == 0 || !double.IsFinite(average) ? null : Math.Round(average, digits); // never Infinity in JSON (a 500)
    });

    /// <summary>Per row, <paramref name="value"/> of its first (or <paramref name="last"/>) sample that <paramref name="has"/>; else null.</summary>
    public IReadOnlyList<double?> Pick(Func<int, bool> has, Func<int, double?> value, bool last) => new LazyRows<double?>(Count, row =>
    {
        ReadOnlySpan<int> samples = this[row];
        for (int k = 0; k < samples.Length; k++)
        {
            int i = samples[last ? samples.Length - 1 - k : k];
            if (has(i))
            {
                return value(i);
            }
        }

        return null;
    });
}
