namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Where recording segments start inside a range of samples (the range's first sample always does), sorted once so
/// a loop that walks the range in order asks with a <see cref="Cursor"/>: one comparison per sample instead of a hash
/// lookup (issue 18's profile).
/// </summary>
internal sealed class SegmentStarts
{
    private readonly int[] _starts;

    private SegmentStarts(int[] starts) => _starts = starts;

    /// <summary>The recording's segment starts that fall inside [<paramref name="first"/>, first + count), and <paramref name="first"/>.</summary>
    public static SegmentStarts Within(IReadOnlyList<int> segmentStartIndices, int first, int count)
    {
        var starts = new List<int>(segmentStartIndices.Count + 1) { first };
        foreach (int index in segmentStartIndices)
        {
            if (index > first && index < first + count)
            {
                starts.Add(index);
            }
        }

        starts.Sort();
        return new SegmentStarts([.. starts.Distinct()]);
    }

    /// <summary>A fresh cursor at the start of the range.</summary>
    public Cursor Walk() => new(_starts);

    /// <summary>Answers "does a segment start at <c>i</c>?" for ascending <c>i</c>.</summary>
    public struct Cursor(int[] starts)
    {
        private int _next;

        public bool IsStart(int index)
        {
            while (_next < starts.Length && starts[_next] < index)
            {
                _next++;
            }

            return _next < starts.Length && starts[_next] == index;
        }
    }
}
