using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>What a device stated for several sessions taken together (a triathlon's swim, ride and run).</summary>
public class DeviceTotalsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 7, 6, 0, 0, TimeSpan.Zero);

    private static RecordedSession Session(DeviceTotals stated) => new() { Stated = stated };

    [Fact]
    public void A_total_counts_across_sessions_only_when_every_session_states_it()
    {
        DeviceTotals swim = new(T0, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(29), DistanceMeters: 1500, AscentMeters: null, DescentMeters: 0);
        DeviceTotals ride = new(T0.AddMinutes(32), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(58), DistanceMeters: 30000, AscentMeters: 300, DescentMeters: 290);

        DeviceTotals both = DeviceTotals.Across([Session(swim), Session(ride)]);

        Assert.Equal(new DeviceTotals(T0, TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(87), 31500, null, 290), both);
    }

    [Fact]
    public void The_start_is_the_first_one_stated()
    {
        DeviceTotals both = DeviceTotals.Across([Session(new DeviceTotals(DistanceMeters: 100)), Session(new DeviceTotals(T0.AddHours(1), DistanceMeters: 200))]);

        Assert.Equal(T0.AddHours(1), both.StartUtc);
        Assert.Equal(300, both.DistanceMeters);
    }

    [Fact]
    public void No_session_states_nothing_and_one_session_states_its_own()
    {
        Assert.Equal(default, DeviceTotals.Across([]));
        var one = new DeviceTotals(T0, TimeSpan.FromMinutes(5), null, 1000, 3, null);
        Assert.Equal(one, DeviceTotals.Across([Session(one)]));
    }

    [Fact]
    public void The_whole_file_reports_the_stated_distance_only_when_every_session_states_one()
    {
        var samples = Enumerable.Range(0, 61).Select(i => new RecordedSample(T0.AddSeconds(i * 10), DistanceMeters: i * 30.0)).ToArray();
        RecordedActivity Of(double? secondDistance) => new()
        {
            StartUtc = T0,
            Samples = samples,
            Sessions =
            [
                new RecordedSession { Stated = new DeviceTotals(T0, DistanceMeters: 900), SampleCount = 31 },
                new RecordedSession { Stated = new DeviceTotals(T0.AddMinutes(5), DistanceMeters: secondDistance), FirstSampleIndex = 31, SampleCount = 30 },
            ],
        };

        Assert.Equal("device", ActivityMetrics.From(Of(900)).DistanceSource);
        Assert.Equal(1800, ActivityMetrics.From(Of(900)).DistanceMeters);
        Assert.Equal("records", ActivityMetrics.From(Of(null)).DistanceSource);
    }
}
