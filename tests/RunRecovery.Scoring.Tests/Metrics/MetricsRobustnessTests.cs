using RunRecovery.Analysis;
using RunRecovery.Formats;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

/// <summary>Whatever a reader accepts, metrics are computed without throwing, and stay within physical bounds.</summary>
public sealed class MetricsRobustnessTests
{
    [Fact]
    public void Every_readable_corpus_file_and_damaged_variants_give_metrics_within_bounds()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var random = new Random(5);
        int computed = 0;
        foreach (string folder in new[] { "gpx", "tcx" })
        {
            foreach (string path in Directory.EnumerateFiles(Path.Combine(FixtureCorpus.Directory!, folder)).Order(StringComparer.Ordinal))
            {
                byte[] original = File.ReadAllBytes(path);
                for (int round = 0; round < 8; round++)
                {
                    byte[] bytes = round == 0 ? original : Damage(original, random);
                    ParsedActivity activity;
                    try
                    {
                        activity = ActivityFile.Read(bytes, path);
                    }
                    catch (ActivityFileException)
                    {
                        continue;
                    }

                    RecordedActivity recording = RecordingMapper.From(activity);
                    ActivityMetrics metrics = ActivityMetrics.From(recording, new MetricsOptions { MaxHeartRateBpm = 190, RestingHeartRateBpm = 50 });
                    computed++;
                    Assert.True(metrics.DistanceMeters is null or >= 0, path);
                    Assert.True(metrics.AscentMeters is null or >= 0, path);
                    Assert.True(metrics.MovingTime is null || metrics.MovingTime >= TimeSpan.Zero, path);
                    Assert.True(metrics.ElapsedTime is null || metrics.ElapsedTime >= TimeSpan.Zero, path);
                    Assert.True(metrics.AscentMeters is null || metrics.RawAscentMeters is null || metrics.ElevationSource == "device" || metrics.AscentMeters <= metrics.RawAscentMeters + 1e-6, path);
                    Assert.All(metrics.Splits, s => Assert.True(s.ElapsedTime >= TimeSpan.Zero && s.MovingTime <= s.ElapsedTime + TimeSpan.FromMilliseconds(1), path));
                    for (int i = 0; i < activity.Sessions.Count; i++)
                    {
                        _ = ActivityMetrics.ForSession(recording, i);
                    }
                }
            }
        }

        Assert.True(computed > 100, $"only {computed} files and variants were readable");
    }

    private static byte[] Damage(byte[] original, Random random)
    {
        byte[] copy = (byte[])original.Clone();
        for (int i = 0; i < 1 + random.Next(4); i++)
        {
            // Flip digits to other digits: keeps the XML readable and makes the numbers wild.
            int at = random.Next(copy.Length);
            if (copy[at] is >= (byte)'0' and <= (byte)'9')
            {
                copy[at] = (byte)('0' + random.Next(10));
            }
            else if (copy[at] == (byte)'.')
            {
                copy[at] = (byte)'-';
            }
        }

        return copy;
    }
}
