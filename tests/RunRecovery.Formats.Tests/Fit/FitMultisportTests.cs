using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
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

        Assert.Equal(SportWords.Multisport, activity.Sport);
        Assert.Null(activity.SubSport);
        Assert.Equal([SportWords.Swimming, SportWords.Transition, SportWords.Cycling, SportWords.Transition, SportWords.Running], activity.Sessions.Select(s => s.Sport));
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
            Sessions = [.. tri.Sessions.Select(s => s with { Sport = SportWords.Running })],
        };

        ParsedActivity activity = FitActivityReader.Read(FitActivityWriter.Write(twoRuns));

        Assert.Equal(SportWords.Running, activity.Sport);
        Assert.Equal(5, activity.Sessions.Count);
    }

    [Theory]
    [InlineData(new[] { SportWords.Running }, null)]
    [InlineData(new[] { SportWords.Running, SportWords.Running }, null)]
    [InlineData(new[] { null, SportWords.Running }, null)]
    [InlineData(new[] { SportWords.Running, SportWords.Transition }, SportWords.Multisport)]
    [InlineData(new[] { SportWords.Generic, SportWords.Running }, SportWords.Multisport)]
    [InlineData(new[] { SportWords.Cycling, SportWords.Running, SportWords.Cycling }, SportWords.Multisport)]
    [InlineData(new[] { "fitness_equipment", "fitness_equipment" }, null)]
    [InlineData(new[] { "fitness_equipment", "basketball" }, SportWords.Multisport)] // two sports the model folds into "other" (before the words, one sport)
    public void Sessions_of_more_than_one_stated_sport_combine_to_multisport(string?[] sports, string? expected)
    {
        Assert.Equal(expected, SessionSports.Combined([.. sports.Select(sport => new ActivitySession { Sport = sport })]));
    }

    [Theory]
    [InlineData(1, "running")]
    [InlineData(4, "fitness_equipment")]
    [InlineData(21, "e_biking")]
    [InlineData(49, "baseball")]
    [InlineData(254, "all")]
    [InlineData(200, "200")]
    public void A_fit_sport_is_read_as_the_profile_word_and_written_back_as_its_number(long number, string word)
    {
        Assert.Equal(word, FitProfile.SportName(number));
        Assert.Equal(number < 50 ? (byte)number : (byte)0, FitProfile.SportNumber(word)); // a word the profile table lacks is written generic
    }

    [Fact]
    public void A_session_of_a_sport_the_model_does_not_name_keeps_its_fit_word_through_the_encoder()
    {
        ParsedActivity tri = Triathlon.Activity(Start);
        var gym = new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            StartUtc = tri.StartUtc,
            Samples = tri.Samples,
            Sessions = [.. tri.Sessions.Select(s => s with { Sport = "fitness_equipment", SubSport = "elliptical" })],
        };

        ParsedActivity activity = FitActivityReader.Read(FitActivityWriter.Write(gym));

        Assert.Equal("fitness_equipment", activity.Sport);
        Assert.All(activity.Sessions, s => Assert.Equal("fitness_equipment", s.Sport));
        Assert.Equal("elliptical", activity.SubSport);
    }
}
