using CsCheck;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>encode → decode returns the same activity, for randomized activities on the FIT resolution grid.</summary>
public sealed class FitRoundTripPropertyTests
{
    private static readonly Gen<(int Count, int Seed, FitActivityWriteOptions Options)> Activities =
        Gen.Select(Gen.Int[0, 400], Gen.Int, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, (count, seed, compressed, bigEndian, summaryFirst, legacyHeader) =>
            (count, seed, new FitActivityWriteOptions
            {
                CompressedTimestamps = compressed,
                BigEndian = bigEndian,
                SummaryFirst = summaryFirst,
                HeaderSize = legacyHeader ? 12 : 14,
            }));

    [Fact]
    public void Encode_then_decode_returns_the_same_activity() =>
        Activities.Sample(
            (count, seed, options) =>
            {
                ParsedActivity expected = RandomActivity(count, new Random(seed));
                byte[] file = FitActivityWriter.Write(expected, options);
                ParsedActivity actual = FitActivityReader.Read(file, new FitReadOptions { StrictCrc = true });

                Assert.Null(actual.Error);
                Assert.Empty(actual.Warnings);
                Assert.Equal(expected.Samples, actual.Samples);
                Assert.Equal(expected.Sessions, actual.Sessions.Select(s => s with { FirstSampleIndex = 0, SampleCount = 0 }));
                Assert.Equal(expected.Laps, actual.Laps);
                Assert.Equal(expected.Pauses, actual.Pauses);
                Assert.Equal(expected.RrIntervalsSeconds, actual.RrIntervalsSeconds);
                Assert.Equal(expected.UtcOffset, actual.UtcOffset);
                Assert.Equal(expected.UserProfile, actual.UserProfile);
                Assert.Equal(expected.Sport, actual.Sport);
                Assert.Equal(expected.StartUtc, actual.StartUtc);
                Assert.Equal(expected.DeveloperChannels.Count, actual.DeveloperChannels.Count);
                for (int i = 0; i < expected.DeveloperChannels.Count; i++)
                {
                    Assert.Equal(expected.DeveloperChannels[i].Name, actual.DeveloperChannels[i].Name);
                    Assert.Equal(expected.DeveloperChannels[i].Units, actual.DeveloperChannels[i].Units);
                    Assert.Equal(expected.DeveloperChannels[i].Values, actual.DeveloperChannels[i].Values);
                }

                if (expected.Sessions.Count == 1 && expected.Samples.Count > 0)
                {
                    Assert.Equal(expected.Samples.Count, actual.Sessions[0].SampleCount);
                }
            },
            iter: 150,
            threads: 1);

    /// <summary>Values are built from raw integers exactly as the decoder scales them, so equality is exact.</summary>
    private static ParsedActivity RandomActivity(int count, Random r)
    {
        double? Maybe(Func<double> value) => r.Next(5) == 0 ? null : value();
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(r.Next(0, 200_000_000));
        int channelCount = r.Next(0, 3);
        var channelValues = Enumerable.Range(0, channelCount).Select(_ => new List<double?>()).ToList();
        var samples = new List<ActivitySample>(count);
        DateTimeOffset time = start;
        for (int i = 0; i < count; i++)
        {
            time = time.AddSeconds(i == 0 ? 0 : r.Next(1, 45)); // gaps above 31 s force full timestamps
            bool position = r.Next(4) != 0;
            int semiLat = r.Next(-1_073_741_824, 1_073_741_824);
            int semiLong = r.Next(int.MinValue + 1, int.MaxValue);
            double? cadence = Maybe(() => r.Next(0, 255) + (r.Next(0, 128) / 128.0));
            samples.Add(new ActivitySample(
                time,
                position ? semiLat * FitProfile.DegreesPerSemicircle : null,
                position ? semiLong * FitProfile.DegreesPerSemicircle : null,
                Maybe(() => (r.Next(0, 65000) / 5.0) - 500),
                Maybe(() => r.Next(0, 100_000_000) / 100.0),
                Maybe(() => r.Next(0, 60000) / 1000.0),
                r.Next(30, 255), // every sample holds a value: records with no value are not samples
                cadence,
                r.Next(5) == 0 ? null : r.Next(0, 65535),
                Maybe(() => r.Next(-127, 127))));
            foreach (List<double?> values in channelValues)
            {
                values.Add(r.Next(3) == 0 ? null : Math.Round(r.NextDouble() * 1000, 3));
            }
        }

        var pauses = new List<TimerPause>();
        for (int i = 1; i + 2 < count; i += r.Next(3, 40))
        {
            pauses.Add(new TimerPause(samples[i].Time, samples[i + 1].Time));
        }

        DateTimeOffset end = count > 0 ? samples[^1].Time : start;
        int elapsedMs = (int)(end - start).TotalMilliseconds;
        string sport = new[] { SportWords.Running, SportWords.Walking, SportWords.Hiking, SportWords.Cycling }[r.Next(4)];
        var session = new ActivitySession
        {
            Sport = sport,
            SubSport = new[] { "generic", "trail", "treadmill", "street" }[r.Next(4)],
            StartUtc = start,
            ElapsedTime = TimeSpan.FromSeconds(elapsedMs / 1000.0),
            TimerTime = TimeSpan.FromSeconds(r.Next(0, elapsedMs + 1) / 1000.0),
            DistanceMeters = r.Next(0, 10_000_000) / 100.0,
            AscentMeters = r.Next(0, 3000),
            DescentMeters = r.Next(0, 3000),
            AvgHeartRateBpm = r.Next(60, 200),
            MaxHeartRateBpm = r.Next(60, 250),
            AvgCadenceRpm = r.Next(50, 100) + (r.Next(0, 128) / 128.0),
            Calories = r.Next(0, 5000),
        };
        var laps = Enumerable.Range(0, r.Next(0, 4)).Select(_ => new ActivityLap
        {
            StartUtc = start.AddSeconds(r.Next(0, 1000)),
            ElapsedTime = TimeSpan.FromSeconds(r.Next(0, 1_000_000) / 1000.0),
            TimerTime = TimeSpan.FromSeconds(r.Next(0, 1_000_000) / 1000.0),
            DistanceMeters = r.Next(0, 1_000_000) / 100.0,
            AscentMeters = r.Next(0, 500),
            DescentMeters = null,
            AvgHeartRateBpm = r.Next(60, 200),
            MaxHeartRateBpm = null,
        }).ToList();

        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = sport,
            StartUtc = start,
            UtcOffset = TimeSpan.FromMinutes(15 * r.Next(-48, 49)),
            Samples = samples,
            Sessions = [session],
            Laps = laps,
            Pauses = pauses,
            RrIntervalsSeconds = [.. Enumerable.Range(0, r.Next(0, 30)).Select(_ => r.Next(300, 2000) / 1000.0)],
            DeveloperChannels = [.. channelValues.Select((v, i) => new DeveloperChannel($"channel {i}", i == 0 ? "W" : null, (byte)(i % 2), v))],
            UserProfile = r.Next(2) == 0 ? null : new UserProfileInfo(r.Next(10, 90), r.Next(2) == 0 ? "female" : "male", r.Next(300, 1500) / 10.0, r.Next(35, 80), r.Next(150, 210)),
        };
    }
}
