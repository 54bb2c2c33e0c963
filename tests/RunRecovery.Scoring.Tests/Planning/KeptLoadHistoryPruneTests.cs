using System.Text.Json;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Planning;

/// <summary>
/// A kept history holds only the traces a later score can read (<see cref="KeptLoadHistory"/>, docs/reliability.md
/// "Soak and capacity"): appended one upload at a time over varied histories (runs with and without heart rate,
/// easy runs with heart rate too low to calibrate pace, short and long ones, rides, walks and hikes, steep descents,
/// several a day, breaks longer than every window, a long stretch without a run that calibrates the pace reference),
/// every added result, the days, the seed and the plan equal
/// <see cref="LoadHistory.Build"/> from scratch after every step, while the kept traces stay far fewer than the
/// activities. Each rule of <c>KeptLoadHistory.Prune</c> is needed: leaving any one out fails this test (checked by
/// dropping them one by one).
/// </summary>
public class KeptLoadHistoryPruneTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 2, 5, 45, 0, TimeSpan.Zero);

    /// <param name="heartRateWatch">False: no heart rate, so no run calibrates the pace reference and after
    /// 180 days the calculator falls back on the pace of the last 90 days' runs.</param>
    private static ActivityLoadInput Activity(string id, DateTimeOffset start, Random random, bool heartRateWatch = true)
    {
        double roll = random.NextDouble();
        Sport sport = roll < 0.7 ? Sport.Running : roll < 0.8 ? Sport.Cycling : roll < 0.9 ? Sport.Hiking : Sport.Walking;
        int? heartRate = !heartRateWatch ? null : random.NextDouble() switch
        {
            < 0.35 => null, // no heart rate: pace (or duration) only
            < 0.5 => 100 + random.Next(12), // heart rate too low to calibrate the pace reference
            _ => 130 + random.Next(45),
        };
        // Without heart rate, the same flat 8 km at varied paces: the maxima windows keep few of them, so the pace
        // fallback reads runs that only its own rule keeps.
        double km = !heartRateWatch ? 8 : random.NextDouble() < 0.25 ? 1.5 + random.NextDouble() : 3 + (random.NextDouble() * 14); // some under 20 minutes
        double speed = sport == Sport.Cycling ? 7 + (random.NextDouble() * 3) : sport == Sport.Running ? 2.4 + random.NextDouble() : 1.2 + (random.NextDouble() * 0.5);
        double hill = !heartRateWatch || random.NextDouble() < 0.5 ? 0 : 20 + random.Next(300);
        var run = new SyntheticRun(id, start, sport).Flat(km, speed, heartRate);
        if (hill > 0)
        {
            run = run.Hill(hill, 0.04 + (random.NextDouble() * 0.08), speed * 0.8, heartRate).Hill(-hill, 0.04 + (random.NextDouble() * 0.1), speed * 1.1, heartRate);
        }

        if (heartRate is null)
        {
            run = run.NoHeartRate();
        }

        return run.SampleEvery(30).BuildDirect();
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    public void Appending_to_the_pruned_traces_equals_the_history_built_from_scratch(int seed, bool farAsOf)
    {
        var random = new Random(seed);
        var profile = new RunnerProfile { Sex = Sex.Male, BirthYear = 1979, WeeklyDistanceKm = 25, TimeZone = "America/New_York" };
        var inputs = new List<ActivityLoadInput>();
        DateTimeOffset latest = Start;
        for (int i = 0; i < 3; i++)
        {
            latest = latest.AddHours(20);
            inputs.Add(Activity($"a{inputs.Count:D4}", latest, random));
        }

        DateTimeOffset far = Start.AddYears(6);
        KeptLoadHistory kept = KeptLoadHistory.From(LoadHistory.Build(profile, inputs), farAsOf ? far : latest.AddHours(1));
        int fewer = 0;
        for (int step = 0; step < 150; step++)
        {
            var added = new List<ActivityLoadInput>();
            int count = random.NextDouble() < 0.15 ? 2 : 1;
            bool heartRateWatch = step is < 40 or >= 130;
            for (int u = 0; u < count; u++)
            {
                // Without heart rate, a run every 2–5 days for about ten months: the pace fallback from about 180 days on,
                // reading runs from 90 days after the last calibrating run onwards.
                double gap = !heartRateWatch ? 48 + random.Next(72) : random.NextDouble() switch
                {
                    < 0.15 => 1 + random.Next(4), // the same day
                    < 0.9 => 8 + random.Next(60),
                    < 0.97 => 24 * (20 + random.Next(60)), // weeks off: some windows empty
                    _ => 24 * (100 + random.Next(120)), // months off: past the pace windows
                };
                latest = latest.AddHours(gap);
                added.Add(Activity($"a{inputs.Count + u:D4}", latest, random, heartRateWatch));
            }

            inputs.AddRange(added);
            DateTimeOffset asOf = farAsOf ? far : latest.AddHours(6);
            KeptLoadHistory? next = kept.Append(added, asOf, out LoadHistory? planning, out IReadOnlyList<ActivityLoad> scored);
            Assert.NotNull(next);
            LoadHistory scratch = LoadHistory.Build(profile, inputs);
            Assert.Equal(scratch.Activities.TakeLast(added.Count), scored);
            Assert.Equal(scratch.Days, planning!.Days);
            Assert.Equal(scratch.SeedDailyLoad, planning.SeedDailyLoad);
            Assert.Equal(
                JsonSerializer.Serialize(RecoveryPlanner.Plan(scratch, new RunnerReports(), asOf).Recommendations),
                JsonSerializer.Serialize(RecoveryPlanner.Plan(planning, new RunnerReports(), asOf).Recommendations));
            kept = next;
            fewer += kept.TraceCount < inputs.Count(a => a.StartUtc >= latest - ActivityLoadCalculator.Lookback) ? 1 : 0;
        }

        Assert.Equal(inputs.Count, kept.Count);
        Assert.True(fewer > 100, $"fewer traces than activities of the lookback in {fewer} of 150 steps");
        Assert.True(kept.TraceCount < 60, $"{kept.TraceCount} traces kept of {inputs.Count} activities");
    }

    [Fact]
    public void A_soak_runners_history_keeps_a_bounded_number_of_traces()
    {
        // The soak's runner (bench/soak): a run every three hours, the same few templates, planned two years later.
        var profile = new RunnerProfile { Sex = Sex.Male, BirthYear = 1985, WeeklyDistanceKm = 30, TimeZone = "UTC" };
        DateTimeOffset asOf = Start.AddYears(3);
        KeptLoadHistory kept = KeptLoadHistory.From(LoadHistory.Build(profile, []), asOf);
        var counts = new List<int>();
        for (int i = 0; i < 600; i++)
        {
            ActivityLoadInput run = new SyntheticRun($"s{i:D4}", Start.AddHours(3 * i)).Flat(5 + (i % 3), 3.0, 140 + (i % 4 * 5)).Hill(60, 0.06, 2.8).Hill(-60, 0.06, 3.2)
                .SampleEvery(30).BuildDirect();
            kept = kept.Append([run], asOf, out _, out _)!;
            counts.Add(kept.TraceCount);
        }

        Assert.Equal(600, kept.Count);
        Assert.True(counts.Skip(100).Max() <= 40, $"traces kept: {string.Join(", ", counts.Where((_, i) => i % 50 == 0))}");
    }
}
