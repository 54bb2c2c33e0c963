using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>The stride/step decision counts values below the threshold instead of sorting (issue 18); it must pick what the sorted median picks.</summary>
public sealed class CadenceConventionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(101)]
    [InlineData(1000)]
    public void The_factor_is_the_sorted_medians(int count)
    {
        var random = new Random(count);
        for (int round = 0; round < 200; round++)
        {
            // Values around the threshold, some exactly on it, some missing or zero (not counted).
            RecordedSample[] samples = [.. Enumerable.Range(0, count).Select(i => new RecordedSample(
                DateTimeOffset.UnixEpoch.AddSeconds(i),
                CadenceRpm: random.Next(6) switch
                {
                    0 => null,
                    1 => 0,
                    2 => CadenceConvention.StrideMedianBelow,
                    _ => CadenceConvention.StrideMedianBelow + random.Next(-40, 41) + random.NextDouble(),
                }))];

            List<double> values = [.. samples.Where(s => s.CadenceRpm > 0).Select(s => s.CadenceRpm!.Value).Order()];
            (double factor, string? unit) = CadenceConvention.Of(samples, 0, count, Sport.Running);

            if (values.Count == 0)
            {
                Assert.Equal((1d, (string?)null), (factor, unit));
            }
            else
            {
                Assert.Equal(values[values.Count / 2] < CadenceConvention.StrideMedianBelow ? 2 : 1, factor);
                Assert.Equal("steps/min", unit);
            }
        }
    }
}
