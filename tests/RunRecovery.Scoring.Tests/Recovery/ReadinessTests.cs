using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recovery;
using Xunit;

namespace RunRecovery.Scoring.Tests.Recovery;

public class ReadinessTests
{
    // docs/recovery-model.md §6 decision table.
    [Theory]
    [InlineData(50, 50, 1.0, 0, Readiness.Normal)]        // balanced, nothing left to recover, form 0 < +5 %
    [InlineData(40, 50, 1.0, 0, Readiness.Fresh)]         // form +20 % of chronic, recovered
    [InlineData(40, 50, 1.0, 3, Readiness.Normal)]        // still 3 h to recover
    [InlineData(66, 50, 1.0, 0, Readiness.Fatigued)]      // ratio 1.32 ≥ 1.3
    [InlineData(50, 50, 1.0, 30, Readiness.Fatigued)]     // 30 h ≥ 24 h left
    [InlineData(76, 50, 1.0, 0, Readiness.Overreaching)]  // ratio 1.52 ≥ 1.5
    [InlineData(50, 50, 1.0, 80, Readiness.Overreaching)] // 80 h ≥ 72 h left
    [InlineData(66, 50, 2.5, 0, Readiness.Overreaching)]  // monotony ≥ 2 with ratio ≥ 1.3
    [InlineData(5, 2, 1.0, 0, Readiness.Fresh)]           // too little history for a ratio, small acute load
    [InlineData(30, 2, 1.0, 0, Readiness.Normal)]         // no ratio, but a real acute load
    public void Decision_table(double acute, double chronic, double monotony, double hoursLeft, Readiness expected)
    {
        var day = new DayLoad(new DateOnly(2026, 5, 1), 0, acute, chronic, LoadSeries.Ratio(acute, chronic), chronic - acute, monotony, 0);

        Assert.Equal(expected, ReadinessModel.Classify(day, hoursLeft));
    }
}
