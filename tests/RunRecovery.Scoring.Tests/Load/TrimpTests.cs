using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using Xunit;

namespace RunRecovery.Scoring.Tests.Load;

public class TrimpTests
{
    // Expected values: research §2.2 "Worked values, 60 min at constant x" (male 0.64/1.92, female 0.86/1.67), and
    // docs/recovery-model.md §2.1 for the unknown-sex curve (Runalyze 0.725215/1.795: 60·0.9·0.725215·e^(1.6155) = 197.00).
    [Theory]
    [InlineData(Sex.Male, 0.5, 50.1)]
    [InlineData(Sex.Male, 0.7, 103.1)]
    [InlineData(Sex.Male, 0.9, 194.6)]
    [InlineData(Sex.Male, 1.0, 261.9)]
    [InlineData(Sex.Female, 0.5, 59.5)]
    [InlineData(Sex.Female, 0.7, 116.3)]
    [InlineData(Sex.Female, 0.9, 208.8)]
    [InlineData(Sex.Unknown, 0.9, 197.0)]
    public void One_hour_at_constant_reserve_fraction_matches_the_research_table(Sex sex, double x, double expected)
    {
        Assert.Equal(expected, Trimp.Constant(60, x, sex), 1);
    }

    // HRrest 60, HRmax 190: HR = 60 + x·130 → 125 bpm (x 0.5), 151 (0.7), 177 (0.9). 361 samples every 10 s = 60 min.
    [Theory]
    [InlineData(Sex.Male, 125, 50.1)]
    [InlineData(Sex.Female, 151, 116.3)]
    [InlineData(Sex.Male, 177, 194.6)]
    public void Sample_sum_over_an_hour_equals_the_constant_form(Sex sex, int heartRate, double expected)
    {
        var start = new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero);
        var samples = Enumerable.Range(0, 361).Select(i => new RecordedSample(start.AddSeconds(i * 10), HeartRateBpm: heartRate)).ToList();

        double? trimp = Trimp.FromSamples(samples, 190, 60, sex);

        Assert.NotNull(trimp);
        Assert.Equal(expected, trimp.Value, 1);
    }

    [Fact]
    public void Gaps_longer_than_30_s_count_as_30_s()
    {
        var start = new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero);
        // Two samples 10 minutes apart (a pause) then one more: counts 30 s + 30 s, not 10 min.
        RecordedSample[] samples = [new(start, HeartRateBpm: 177), new(start.AddMinutes(10), HeartRateBpm: 177), new(start.AddMinutes(11), HeartRateBpm: 177)];

        double trimp = Trimp.FromSamples(samples, 190, 60, Sex.Male)!.Value;

        Assert.Equal(194.5515 / 60 * 1.0, trimp, 3); // 600 s → 30 s, 60 s → 30 s: one minute at x = 0.9
    }

    [Fact]
    public void No_heart_rate_samples_give_no_trimp()
    {
        var start = new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero);
        RecordedSample[] samples = [new(start), new(start.AddSeconds(10))];

        Assert.Null(Trimp.FromSamples(samples, 190, 60, Sex.Male));
    }

    // Tanaka 2001: 208 − 0.7 × age (research §2.1). Birth year 1986, activity in 2026 → age 40 → 180.
    [Theory]
    [InlineData(1986, 180.0)]
    [InlineData(1958, 160.4)]
    [InlineData(2000, 189.8)]
    public void Hrmax_falls_back_to_tanaka_from_the_birth_year(int birthYear, double expected)
    {
        var profile = new RunnerProfile { BirthYear = birthYear };

        var basis = HeartRateBasis.Resolve(profile, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), 175);

        Assert.Equal(HeartRateMaxSource.Tanaka, basis.Source);
        Assert.Equal(expected, basis.MaxBpm, 6);
        Assert.Equal(60, basis.RestBpm);
    }

    [Fact]
    public void Hrmax_prefers_the_profile_then_falls_back_to_the_highest_seen()
    {
        var at = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(185, HeartRateBasis.Resolve(new RunnerProfile { MaxHeartRateBpm = 185, BirthYear = 1986, RestingHeartRateBpm = 48 }, at, 200).MaxBpm);
        Assert.Equal(48, HeartRateBasis.Resolve(new RunnerProfile { RestingHeartRateBpm = 48 }, at, 200).RestBpm);
        var seen = HeartRateBasis.Resolve(RunnerProfile.Default, at, 193);
        Assert.Equal((193.0, HeartRateMaxSource.HighestSeen), (seen.MaxBpm, seen.Source));
    }
}
