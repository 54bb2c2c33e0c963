using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using Xunit;
using static RunRecovery.Formats.Tests.Fit.FitTestFiles;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>Issue 15: a FIT activity's name is the workout's wkt_name when it has one; a sport profile's name is not an activity name.</summary>
public sealed class FitActivityNameTests
{
    [Fact]
    public void The_workout_name_is_the_activity_name()
    {
        ParsedActivity activity = FitActivityReader.Read(File(workoutName: "  6 x 800 m at 10k pace ", sportName: "Run"));

        Assert.Equal("6 x 800 m at 10k pace", activity.Name);
        Assert.Equal(SportWords.Running, activity.Sport);
        Assert.Equal(3, activity.Samples.Count);
    }

    [Fact]
    public void A_sport_profile_name_alone_gives_no_name()
    {
        ParsedActivity activity = FitActivityReader.Read(File(workoutName: null, sportName: "Run"));

        Assert.Null(activity.Name);
    }

    [Fact]
    public void A_file_without_workout_or_sport_message_has_no_name()
    {
        Assert.Null(FitActivityReader.Read(RunFile(10)).Name);
    }

    [Theory]
    [InlineData("fit/elemnt-bolt-no-application-id-inside-developer-data-id.fit", "Wahoo Workout")]
    [InlineData("fit/2019-02-17-062644-ELEMNT-297E-195-0.fit", "自行车")]
    [InlineData("fit/garmin-edge-820-bike.fit", null)]     // sport profile "Commute" only
    [InlineData("fit/sample_mulitple_header.fit", null)]   // profiles "Open Water", "Transition", "Bike", "Run"
    public void Corpus_files_are_named_by_their_workout_only(string file, string? name)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);

        Assert.Equal(name, ActivityFile.Read(System.IO.File.ReadAllBytes(FixtureCorpus.PathOf(file)), file).Name);
    }

    /// <summary>file_id, an optional workout (wkt_name) and sport (name) message, three records and a running session.</summary>
    private static byte[] File(string? workoutName, string? sportName)
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.FileId, [FitFieldSpec.Of(0, FitBaseType.Enum), FitFieldSpec.Of(1, FitBaseType.UInt16)]).Write(0, 4L, 255L);
        if (workoutName is not null)
        {
            writer.Define(1, FitProfile.Workout, [new FitFieldSpec(8, 32, FitBaseType.String)]).Write(1, workoutName);
        }

        if (sportName is not null)
        {
            writer.Define(2, FitProfile.Sport, [FitFieldSpec.Of(0, FitBaseType.Enum), new FitFieldSpec(3, 16, FitBaseType.String)]).Write(2, 1L, sportName);
        }

        writer.Define(3, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)]);
        for (int i = 0; i < 3; i++)
        {
            writer.Write(3, (long)FitProfile.ToFitSeconds(At(i)), 140L);
        }

        writer.Define(4, FitProfile.Session, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(2, FitBaseType.UInt32), FitFieldSpec.Of(5, FitBaseType.Enum)])
            .Write(4, (long)FitProfile.ToFitSeconds(At(2)), (long)FitProfile.ToFitSeconds(At(0)), 1L);
        return writer.ToArray();
    }
}
