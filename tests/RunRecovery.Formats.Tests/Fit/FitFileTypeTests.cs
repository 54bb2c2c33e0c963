using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>file_id.type is read into <see cref="ParsedActivity.FitFileType"/>, so the upload can refuse settings or weight files.</summary>
public sealed class FitFileTypeTests
{
    [Fact]
    public void An_encoded_run_is_an_activity_file()
    {
        ParsedActivity activity = FitActivityReader.Read(FitTestFiles.RunFile(60));

        Assert.Equal(FitProfile.ActivityFileType, activity.FitFileType);
    }

    [Theory]
    [InlineData(9, "weight scale")]
    [InlineData(2, "settings")]
    [InlineData(1, "device")]
    [InlineData(6, "course")]
    [InlineData(250, "manufacturer-specific")]
    [InlineData(77, "type 77")]
    public void Another_file_type_is_read_as_stated_and_named(byte type, string name)
    {
        byte[] file = new FitWriter()
            .Define(0, FitProfile.FileId, [FitFieldSpec.Of(0, FitBaseType.Enum), FitFieldSpec.Of(1, FitBaseType.UInt16)])
            .Write(0, type, 1)
            .ToArray();

        ParsedActivity parsed = FitActivityReader.Read(file);

        Assert.Equal(type, parsed.FitFileType);
        Assert.Equal(name, FitProfile.FileTypeName(type));
        Assert.Empty(parsed.Samples);
    }

    [Fact]
    public void A_file_without_file_id_has_no_type()
    {
        byte[] file = new FitWriter()
            .Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, FitProfile.MinimumAbsoluteTime + 1000, 140)
            .ToArray();

        Assert.Null(FitActivityReader.Read(file).FitFileType);
    }

    [Fact]
    public void Corpus_settings_and_weight_scale_files_state_their_type()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);

        Assert.Equal(2, FitActivityReader.Read(File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("fit", "Settings.fit")))).FitFileType);
        Assert.Equal(9, FitActivityReader.Read(File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("fit", "WeightScaleSingleUser.fit")))).FitFileType);
    }
}
