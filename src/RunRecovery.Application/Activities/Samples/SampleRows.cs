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

    private SampleRows(DateTimeOffset? start, int every, int[] indexes, int[] bounds, long[] keys)
    {
        Start = start;
        _every = every;
        _indexes = indexes;
        _bounds = bounds;
        _keys = keys;
    }

    /// <summary>The first timed sample's time (in file order): offsets count from it.</summary>
    public DateTimeOffset? Start { get; }

    public int Count => _keys.Length;

    /// <summary>The sample indexes of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> this[int row] => _indexes.AsSpan(_bounds[row], _bounds[row + 1] - _bounds[row]);

    public static SampleRows Of(IReadOnlyList<ActivitySample> samples, int every)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var indexes = new List<int>(samples.Count);
        var keys = new List<long>(samples.Count);
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
            ordered &= keys.Count == 0 || key >= keys[^1];
            indexes.Add(i);
            keys.Add(key);
        }

        int[] order = [.. indexes];
        long[] sampleKeys = [.. keys];
        if (!ordered)
        {
            int[] byRow = [.. Enumerable.Range(0, order.Length).OrderBy(k => sampleKeys[k])]; // stable
            order = [.. byRow.Select(k => indexes[k])];
            sampleKeys = [.. byRow.Select(k => keys[k])];
        }

        var bounds = new List<int>();
        var rowKeys = new List<long>();
        for (int k = 0; k < order.Length; k++)
        {
            if (k == 0 || sampleKeys[k] != sampleKeys[k - 1])
            {
                bounds.Add(k);
                rowKeys.Add(sampleKeys[k]);
            }
        }

        bounds.Add(order.Length);
        return new SampleRows(start, every, order, [.. bounds], [.. rowKeys]);
    }

    /// <summary>Each row's start in seconds from <see cref="Start"/>.</summary>
    public double[] Offsets()
    {
        double[] offsets = new double[Count];
        for (int row = 0; row < Count; row++)
        {
            offsets[row] = (double)(_keys[row] * _every);
        }

        return offsets;
    }

    /// <summary>Each row's average of the values present, rounded; null where none is (or the sum is not finite).</summary>
    public double?[] Averages(Func<int, double?> value, int digits)
    {
        double?[] averages = new double?[Count];
        for (int row = 0; row < Count; row++)
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
            averages[row] = count == 0 || !double.IsFinite(average) ? null : Math.Round(average, digits); // never Infinity in JSON (a 500)
        }

        return averages;
    }

    /// <summary>Per row, <paramref name="value"/> of its first (or <paramref name="last"/>) sample that <paramref name="has"/>; else null.</summary>
    public double?[] Pick(Func<int, bool> has, Func<int, double?> value, bool last)
    {
        double?[] picked = new double?[Count];
        for (int row = 0; row < Count; row++)
        {
            ReadOnlySpan<int> samples = this[row];
            for (int k = 0; k < samples.Length; k++)
            {
                int i = samples[last ? samples.Length - 1 - k : k];
                if (has(i))
                {
                    picked[row] = value(i);
                    break;
                }
            }
        }

        return picked;
    }
}
