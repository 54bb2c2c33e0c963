using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>Real files through our encoder: decode → encode → decode keeps every sample, pause and R-R interval.</summary>
public sealed class FitCorpusRoundTripTests
{
    /// <summary>The corpus files that hold samples (settings, workouts and the like have none to round-trip).</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string file in FitCorpusTests.AllFiles().Select(row => row.Data))
        {
            if (FixtureCorpus.Directory is null
                || FitActivityReader.Read(FitCorpusTests.Read(file), new FitReadOptions { ReturnPartialOnError = true }).Samples.Count > 0)
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Decoded_corpus_file_survives_our_encoder(string file)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var original = FitActivityReader.Read(FitCorpusTests.Read(file), new FitReadOptions { ReturnPartialOnError = true });
        Assert.NotEmpty(original.Samples);

        foreach (var options in new[] { FitActivityWriteOptions.Default, new FitActivityWriteOptions { CompressedTimestamps = true, BigEndian = true, SummaryFirst = true } })
        {
            var copy = FitActivityReader.Read(FitActivityWriter.Write(original, options), new FitReadOptions { StrictCrc = true });
            Assert.Equal(original.Samples.Count, copy.Samples.Count);
            for (int i = 0; i < original.Samples.Count; i++)
            {
                ActivitySample a = original.Samples[i];
                ActivitySample b = copy.Samples[i];
                string where = $"{file} sample {i}";
                Assert.True(a.Time == b.Time, where + " time");
                Near(a.LatitudeDegrees, b.LatitudeDegrees, 1e-7, where + " latitude");
                Near(a.LongitudeDegrees, b.LongitudeDegrees, 1e-7, where + " longitude");
                Near(a.AltitudeMeters, b.AltitudeMeters, 0.1, where + " altitude");
                Near(a.DistanceMeters, b.DistanceMeters, 0.005 + 1e-9, where + " distance"); // FR70: 1/16 m → 1 cm
                Near(a.SpeedMetersPerSecond, b.SpeedMetersPerSecond, 0.0005, where + " speed");
                Near(a.CadenceRpm, b.CadenceRpm, 1.0 / 256, where + " cadence");
                Near(a.TemperatureCelsius, b.TemperatureCelsius, 0.5, where + " temperature");
                Assert.True(a.HeartRateBpm == b.HeartRateBpm, where + " heart rate");
                Assert.True(a.PowerWatts == b.PowerWatts, where + " power");
            }

            Assert.Equal(original.RrIntervalsSeconds, copy.RrIntervalsSeconds);
            Assert.Equal(original.Pauses, copy.Pauses);
            Assert.Equal(original.DeveloperChannels.Select(c => c.Name), copy.DeveloperChannels.Select(c => c.Name));
            for (int c = 0; c < original.DeveloperChannels.Count; c++)
            {
                Assert.Equal(original.DeveloperChannels[c].Values, copy.DeveloperChannels[c].Values);
            }

            Assert.Equal(original.Sessions.Select(s => (s.StartUtc, s.ElapsedTime, s.TimerTime, s.DistanceMeters, s.AscentMeters)),
                copy.Sessions.Select(s => (s.StartUtc, s.ElapsedTime, s.TimerTime, s.DistanceMeters, s.AscentMeters)));
        }
    }

    private static void Near(double? expected, double? actual, double tolerance, string what)
    {
        Assert.True(expected is null == actual is null, $"{what}: {expected} vs {actual}");
        if (expected is double e)
        {
            Assert.True(Math.Abs(e - actual!.Value) <= tolerance, $"{what}: {e} vs {actual}");
        }
    }
}
