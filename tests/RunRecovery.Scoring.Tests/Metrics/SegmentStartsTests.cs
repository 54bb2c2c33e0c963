using RunRecovery.Scoring.Metrics;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>The segment-start cursor answers exactly as the hash set it replaced (starts plus the range's first).</summary>
public sealed class SegmentStartsTests
{
    [Fact]
    public void Walking_a_range_finds_exactly_the_starts_inside_it_whatever_their_order()
    {
        var random = new Random(18);
        for (int trial = 0; trial < 200; trial++)
        {
            int first = random.Next(0, 20);
            int count = random.Next(0, 60);
            int[] indices = [.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => random.Next(-5, 90))]; // unsorted, repeats, outside
            var expected = new HashSet<int>(indices) { first };

            SegmentStarts.Cursor cursor = SegmentStarts.Within(indices, first, count).Walk();
            for (int i = first; i < first + count; i++)
            {
                Assert.Equal(expected.Contains(i), cursor.IsStart(i));
            }
        }
    }
}
