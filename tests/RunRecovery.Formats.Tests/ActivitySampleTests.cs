using System.Runtime.CompilerServices;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests;

/// <summary>The compact sample (issue 18) behaves as the record of nullables it replaced.</summary>
public sealed class ActivitySampleTests
{
    private static readonly DateTimeOffset At = new(2024, 5, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Is_at_most_88_bytes()
    {
        Assert.InRange(Unsafe.SizeOf<ActivitySample>(), 1, 88);
    }

    [Fact]
    public void A_zero_is_a_value_and_differs_from_an_absent_one()
    {
        var zero = new ActivitySample(At, HeartRateBpm: 0, AltitudeMeters: 0, PowerWatts: 0);
        var none = new ActivitySample(At);

        Assert.Equal(0, zero.HeartRateBpm);
        Assert.Equal(0.0, zero.AltitudeMeters);
        Assert.Equal(0, zero.PowerWatts);
        Assert.Null(none.HeartRateBpm);
        Assert.Null(none.AltitudeMeters);
        Assert.NotEqual(zero, none);
        Assert.Equal(none, zero with { HeartRateBpm = null, AltitudeMeters = null, PowerWatts = null });
    }

    [Fact]
    public void Every_value_reads_back_as_given_and_with_changes_only_its_own()
    {
        var sample = new ActivitySample(At, 46.5, 14.25, 512.4, 1234.5, 3.2, 151, 88.5, 240, -3.5) { TimeMissing = true };

        Assert.Equal(
            (At, 46.5, 14.25, 512.4, 1234.5, 3.2, 151, 88.5, 240, -3.5, true, true),
            (sample.Time, sample.LatitudeDegrees, sample.LongitudeDegrees, sample.AltitudeMeters, sample.DistanceMeters, sample.SpeedMetersPerSecond,
                sample.HeartRateBpm, sample.CadenceRpm, sample.PowerWatts, sample.TemperatureCelsius, sample.TimeMissing, sample.HasPosition));

        ActivitySample changed = sample with { LongitudeDegrees = null, TimeMissing = false };
        Assert.False(changed.HasPosition);
        Assert.False(changed.TimeMissing);
        Assert.Equal(46.5, changed.LatitudeDegrees);
        Assert.Equal(151, changed.HeartRateBpm);
        Assert.Equal(-3.5, changed.TemperatureCelsius);
    }
}
