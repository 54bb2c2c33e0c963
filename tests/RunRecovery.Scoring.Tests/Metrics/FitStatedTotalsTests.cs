using RunRecovery.Analysis;
using RunRecovery.Formats;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>
/// Real running FIT files state their own totals (session total_distance, total_ascent, usually from a barometric
/// altimeter). Here we hide those totals and compute the same figures from the records alone — the distance
/// channel and our 3 m hysteresis over the altitude samples — and check them against what the watch said:
/// distance within 1 %, ascent within 10 % (issue 4's bar; docs/metrics.md).
/// </summary>
public sealed class FitStatedTotalsTests
{
    [Theory]
    [InlineData("fit/2013-02-06-12-11-14.fit")]
    [InlineData("fit/activity-small-fenix2-run.fit")]
    [InlineData("fit/2019-09-14-17-22-05.fit")]
    [InlineData("fit/2019-09-18-16-02-35.fit")]
    [InlineData("fit/garmin-stamina.fit")]
    [InlineData("fit/mornindew-broken.fit")]
    [InlineData("fit/running-with-developer-data.fit")]
    [InlineData("fit/0137001239.fit")]
    [InlineData("fit/with_nones.fit")]
    public void Record_derived_distance_and_ascent_agree_with_the_session_totals(string file)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        RecordedActivity stated = RecordingMapper.From(ActivityFile.Read(File.ReadAllBytes(FixtureCorpus.PathOf(file)), file));
        RecordedSession session = Assert.Single(stated.Sessions);

        ActivityMetrics fromRecords = ActivityMetrics.From(WithoutTotals(stated));

        double statedDistance = session.Stated.DistanceMeters!.Value;
        Assert.Equal("records", fromRecords.DistanceSource);
        Assert.InRange(Math.Abs(fromRecords.DistanceMeters!.Value - statedDistance) / statedDistance, 0, 0.01);
        if (session.Stated.AscentMeters is { } statedAscent)
        {
            Assert.Equal("samples", fromRecords.ElevationSource);
            Assert.InRange(Math.Abs(fromRecords.AscentMeters!.Value - statedAscent) / statedAscent, 0, 0.10);
        }
    }

    private static RecordedActivity WithoutTotals(RecordedActivity a) => new()
    {
        Sport = a.Sport,
        SubSport = a.SubSport,
        StartUtc = a.StartUtc,
        UtcOffset = a.UtcOffset,
        Samples = a.Samples,
        Pauses = a.Pauses,
        Sessions =
        [
            .. a.Sessions.Select(s => s with
            {
                Stated = s.Stated with { DistanceMeters = null, AscentMeters = null, DescentMeters = null },
            }),
        ],
    };
}
