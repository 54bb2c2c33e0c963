using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>Issue 15: a file of several sessions of different sports is a multisport activity, each session kept with its own sport and totals.</summary>
public sealed class FitMultisportTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 7, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_encoder_built_triathlon_is_multisport_with_five_sessions_in_order()
    {
        ParsedActivity activity = FitActivityReader.Read(Triathlon.Fit(Start));

        Assert.Equal(Sport.Multisport, activity.Sport);
        Assert.Null(activity.SubSport);
        Assert.Equal([Sport.Swimming, Sport.Transition, Sport.Cycling, Sport.Transition, Sport.Running], activity.Sessions.Select(s => s.Sport));
        Assert.Equal(Triathlon.Legs.Select(leg => leg.Meters), activity.Sessions.Select(s => s.DistanceMeters!.Value));
        Assert.Equal(Triathlon.Legs.Select(leg => leg.Minutes * 60.0), activity.Sessions.Select(s => s.TimerTime!.Value.TotalSeconds));

        // The sessions tile the samples: each leg's samples are its own (a run's strides are not a ride's pedal strokes).
        Assert.Equal(0, activity.Sessions[0].FirstSampleIndex);
        for (int i = 1; i < activity.Sessions.Count; i++)
        {
            Assert.Equal(activity.Sessions[i - 1].FirstSampleIndex + activity.Sessions[i - 1].SampleCount, activity.Sessions[i].FirstSampleIndex);
            Assert.Equal(activity.Sessions[i].StartUtc, activity.Samples[activity.Sessions[i].FirstSampleIndex].Time);
        }

        Assert.Equal(activity.Samples.Count, activity.Sessions[^1].FirstSampleIndex + activity.Sessions[^1].SampleCount);
    }

    [Fact]
    public void Sessions_all_of_one_sport_keep_that_sport()
    {
        ParsedActivity tri = Triathlon.Activity(Start);
        var twoRuns = new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            StartUtc = tri.StartUtc,
            Samples = tri.Samples,
            Sessions = [.. tri.Sessions.Select(s => s with { Sport = Sport.Running })],
        };

        ParsedActivity activity = FitActivityReader.Read(FitActivityWriter.Write(twoRuns));

        Assert.Equal(Sport.Running, activity.Sport);
        Assert.Equal(5, activity.Sessions.Count);
    }

    [Theory]
    [InlineData(new[] { Sport.Running }, null)]
    [InlineData(new[] { Sport.Running, Sport.Running }, null)]
    [InlineData(new[] { Sport.Unknown, Sport.Running }, null)]
    [InlineData(new[] { Sport.Running, Sport.Transition }, Sport.Multisport)]
    [InlineData(new[] { Sport.Generic, Sport.Running }, Sport.Multisport)]
    [InlineData(new[] { Sport.Cycling, Sport.Running, Sport.Cycling }, Sport.Multisport)]
    public void Sessions_of_more_than_one_stated_sport_combine_to_multisport(Sport[] sports, Sport? expected)
    {
        Assert.Equal(expected, SessionSports.Combined([.. sports.Select(sport => new ActivitySession { Sport = sport })]));
    }
}
