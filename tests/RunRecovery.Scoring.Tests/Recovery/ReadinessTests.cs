using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recovery;
using Xunit;

namespace RunRecovery.Scoring.Tests.Recovery;

public class ReadinessTests
{
    // docs/recovery-model.md §6 decision table. weekRatio is the plain 7-day load against the 28-day weekly average
    // (DayLoad.WeekRatio): the EWMA ratio only counts as a spike when the week confirms it (≥ 1.2, §4.2).
    [Theory]
    [InlineData(50, 50, 1.0, 0, 1.0, 60, Readiness.Normal)]        // balanced, nothing left to recover, form 0 < +5 %
    [InlineData(40, 50, 1.0, 0, 1.0, 60, Readiness.Fresh)]         // form +20 % of chronic, recovered
    [InlineData(40, 50, 1.0, 3, 1.0, 60, Readiness.Normal)]        // still 3 h to recover
    [InlineData(66, 50, 1.0, 0, 1.3, 60, Readiness.Fatigued)]      // ratio 1.32 ≥ 1.3, week 1.3× the average
    [InlineData(66, 50, 1.0, 0, 1.0, 60, Readiness.Normal)]        // ratio 1.32 but the week equals the average: no spike
    [InlineData(50, 50, 1.0, 30, 1.0, 60, Readiness.Fatigued)]     // 30 h ≥ 24 h left
    [InlineData(76, 50, 1.0, 0, 1.3, 60, Readiness.Overreaching)]  // ratio 1.52 ≥ 1.5, confirmed by the week
    [InlineData(50, 50, 1.0, 80, 1.0, 60, Readiness.Fatigued)]     // 80 h left: one long run's recovery is not overreaching
    [InlineData(66, 50, 2.5, 0, 1.3, 60, Readiness.Overreaching)]  // monotony ≥ 2 with a confirmed ratio ≥ 1.3
    [InlineData(76, 50, 1.0, 0, 1.3, 20, Readiness.Normal)]        // building the baseline (20 of 28 days): no ratio at all
    [InlineData(76, 50, 1.0, 80, 1.3, 20, Readiness.Fatigued)]     // ... recovery time still counts
    [InlineData(5, 2, 1.0, 0, 1.0, 60, Readiness.Fresh)]           // chronic too small for a ratio, small acute load
    [InlineData(30, 2, 1.0, 0, 1.0, 60, Readiness.Normal)]         // no ratio, but a real acute load
    public void Decision_table(double acute, double chronic, double monotony, double hoursLeft, double weekRatio, int historyDays, Readiness expected)
    {
        var day = new DayLoad(new DateOnly(2026, 5, 1), 0, acute, chronic, LoadSeries.Ratio(acute, chronic, historyDays), chronic - acute, monotony, 0)
        {
            HistoryDays = historyDays,
            WeekLoad = 100 * weekRatio,
            FourWeekLoad = 400,
        };

        Assert.Equal(expected, ReadinessModel.Classify(day, hoursLeft));
    }
}
