using System.Text.Json;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;
using RunRecovery.Scoring.Tests.Scenarios;
using Xunit;

namespace RunRecovery.Scoring.Tests.Planning;

/// <summary>
/// Incremental rescoring (docs/reliability.md, "Incremental rescoring"): a runner's history remembered between
/// recomputes and extended with the new activities gives exactly the history built from scratch, over random
/// histories and orders with uploads (in order, late, two at once, a multisport file), patches, deletes, profile
/// changes, rows rewritten by the recompute itself or by someone else, and a lost cache; over histories longer than
/// the scoring lookback (older traces dropped) and plans as of a far later instant (no full result kept).
/// </summary>
public class VersionedLoadHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 30, 0, TimeSpan.Zero);

    private sealed class Store
    {
        public Dictionary<Guid, (long Version, IReadOnlyList<ActivityLoadInput> Inputs)> Rows { get; } = [];

        private long _xid = 100;

        public long NextVersion() => ++_xid;

        public Dictionary<Guid, long> Versions() => Rows.ToDictionary(row => row.Key, row => row.Value.Version);

        public List<StoredLoadInputs> Read(IEnumerable<Guid> keys) => [.. keys.Select(key => new StoredLoadInputs(key, Rows[key].Version, Rows[key].Inputs))];
    }

    internal static Guid Key(int n) => new(n, 0x5eed, 0, [0, 0, 0, 0, 0, 0, 0, 1]);

    private static ActivityLoadInput Run(string id, DateTimeOffset start, int i, Sport sport = Sport.Running) =>
        new SyntheticRun(id, start, sport)
            .Flat(4 + (i % 5 * 2), 2.8 + (i % 3 * 0.25), 135 + (i % 6 * 5)).Hill(40 + (i % 3 * 50), 0.07, 3.0).Hill(-(40 + (i % 3 * 50)), 0.07, 3.2)
            .SampleEvery(30).BuildDirect();

    /// <param name="gapScale">Multiplies the hours between uploads: 6 makes histories of about a year, longer than the
    /// scoring lookback (180 days), so the kept history drops old traces.</param>
    /// <param name="farAsOf">Plan as of a fixed instant years after every run (as the soak does: its runs are two years
    /// old), so no full result is kept; else a day after the latest run.</param>
    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, false)]
    [InlineData(3, 1, true)]
    [InlineData(4, 6, false)]
    [InlineData(5, 6, true)]
    public void A_remembered_history_extended_with_new_activities_equals_the_history_built_from_scratch(int seed, int gapScale, bool farAsOf)
    {
        var random = new Random(seed);
        var store = new Store();
        var profile = new RunnerProfile { Sex = Sex.Female, BirthYear = 1988, WeeklyDistanceKm = 30, TimeZone = "Europe/Berlin" };
        string stamp = "p0";
        VersionedLoadHistory? remembered = null;
        DateTimeOffset latest = Start;
        int appends = 0, rebuilds = 0, made = 0, trimmed = 0;
        DateTimeOffset far = Start.AddYears(8);

        for (int step = 0; step < 70; step++)
        {
            int uploads = 0;
            double roll = random.NextDouble();
            if (roll < 0.55 || store.Rows.Count < 3)
            {
                uploads = random.NextDouble() < 0.2 ? 2 : 1; // sometimes two files before one recompute
            }
            else if (roll < 0.65)
            {
                Guid key = store.Rows.Keys.ElementAt(random.Next(store.Rows.Count));
                (long _, IReadOnlyList<ActivityLoadInput> inputs) = store.Rows[key];
                store.Rows[key] = (store.NextVersion(), [.. inputs.Select(input => input with { Sport = input.Sport == Sport.Running ? Sport.Cycling : Sport.Running, SubSport = null })]);
            }
            else if (roll < 0.72)
            {
                store.Rows.Remove(store.Rows.Keys.ElementAt(random.Next(store.Rows.Count)));
            }
            else if (roll < 0.77)
            {
                profile = profile with { WeeklyDistanceKm = 20 + random.Next(40) };
                stamp = "p" + step;
            }
            else if (roll < 0.82)
            {
                remembered = null; // the process restarted, or another one scored the runner
            }
            else if (roll < 0.87)
            {
                Guid key = store.Rows.Keys.ElementAt(random.Next(store.Rows.Count));
                store.Rows[key] = (store.NextVersion(), store.Rows[key].Inputs); // someone else wrote the row (a name, a note)
            }
            else
            {
                uploads = 1;
            }

            for (int u = 0; u < uploads; u++)
            {
                // Mostly newer than everything stored; sometimes an older run uploaded late.
                DateTimeOffset start = random.NextDouble() < 0.8 ? latest.AddHours((8 + random.Next(40)) * gapScale) : Start.AddHours(random.Next((int)(latest - Start).TotalHours + 1));
                latest = start > latest ? start : latest;
                Guid key = Key(made);
                string id = key.ToString();
                IReadOnlyList<ActivityLoadInput> inputs = made % 17 == 5
                    ? [Run(id + "#1", start, made, Sport.Cycling), Run(id + "#2", start.AddMinutes(50), made + 1)] // a multisport file
                    : [Run(id, start, made)];
                store.Rows[key] = (store.NextVersion(), inputs);
                made++;
            }

            // The recompute, as ScoreRunnerHandler does it.
            DateTimeOffset asOf = farAsOf ? far : latest.AddDays(1);
            Dictionary<Guid, long> listed = store.Versions();
            IReadOnlyCollection<Guid> keys = VersionedLoadHistory.KeysToRead(remembered, stamp, listed);
            List<StoredLoadInputs> read = store.Read(keys);
            VersionedLoadHistory? next = VersionedLoadHistory.TryAppend(remembered, stamp, listed, read, asOf, out LoadHistory? history, out IReadOnlyList<ActivityLoad> scored);
            LoadHistory scratch = LoadHistory.Build(profile, store.Rows.Values.SelectMany(row => row.Inputs));
            if (next is not null)
            {
                appends++;
                Assert.True(history!.IsPlanningView);
                // The added activities' results, and every kept result, as from scratch.
                var byId = scratch.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
                Assert.Equal(read.Sum(r => r.Inputs.Count), scored.Count);
                Assert.All(scored, load => Assert.Equal(byId[load.Id], load));
                Assert.Equal([.. scratch.Activities.Where(a => a.StartUtc >= asOf - RecoveryPlanner.ActivityLookback)], history.Activities);
            }
            else
            {
                rebuilds++;
                next = VersionedLoadHistory.Build(profile, stamp, store.Read(listed.Keys), asOf, out LoadHistory built);
                history = built;
                Assert.Equal(scratch.Activities, history.Activities);
            }

            Assert.Equal(scratch.Days, history.Days);
            Assert.Equal(scratch.SeedDailyLoad, history.SeedDailyLoad);
            Assert.Equal(scratch.Activities.Count, next.Kept.Count);
            trimmed += next.Kept.TraceCount < next.Kept.Count ? 1 : 0;
            RecoveryPlan fromScratch = RecoveryPlanner.Plan(scratch, new RunnerReports(), asOf);
            RecoveryPlan planned = RecoveryPlanner.Plan(history, new RunnerReports(), asOf);
            Assert.Equal(JsonSerializer.Serialize(fromScratch.Days), JsonSerializer.Serialize(planned.Days));
            Assert.Equal(JsonSerializer.Serialize(fromScratch.Recommendations), JsonSerializer.Serialize(planned.Recommendations));

            // The recompute wrote the rows whose loads it stored: new versions, same inputs.
            var rewritten = new Dictionary<Guid, long>();
            foreach (Guid key in read.Select(r => r.Key).Where(_ => random.NextDouble() < 0.7))
            {
                store.Rows[key] = (store.NextVersion(), store.Rows[key].Inputs);
                rewritten[key] = store.Rows[key].Version;
            }

            remembered = next.WithVersions(rewritten);
        }

        Assert.True(appends > 10, $"appends {appends}"); // the incremental path ran, and so did the rebuild
        Assert.True(rebuilds > 5, $"rebuilds {rebuilds}");
        Assert.True(gapScale == 1 || trimmed > 5, $"trimmed {trimmed}"); // the long histories dropped old traces
    }

    [Fact]
    public void An_older_run_a_patched_or_a_deleted_one_and_a_changed_profile_each_ask_for_every_input()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 30, TimeZone = "UTC" };
        DateTimeOffset asOf = Start.AddDays(20);
        List<StoredLoadInputs> all = [.. Enumerable.Range(0, 5).Select(i => new StoredLoadInputs(Key(i), 10 + i, [Run(Key(i).ToString(), Start.AddDays(i), i)]))];
        var listed = all.ToDictionary(r => r.Key, r => r.Version);
        VersionedLoadHistory remembered = VersionedLoadHistory.Build(profile, "p", all, asOf, out _);
        Assert.Equal(5, remembered.Kept.TraceCount);

        Guid nine = Key(9);
        Assert.Empty(VersionedLoadHistory.KeysToRead(remembered, "p", listed));
        Assert.Equal([nine], VersionedLoadHistory.KeysToRead(remembered, "p", new Dictionary<Guid, long>(listed) { [nine] = 99 }));
        Assert.Equal(5, VersionedLoadHistory.KeysToRead(remembered, "q", listed).Count);
        Assert.Equal(5, VersionedLoadHistory.KeysToRead(remembered, "p", new Dictionary<Guid, long>(listed) { [Key(2)] = 50 }).Count);
        Assert.Equal(4, VersionedLoadHistory.KeysToRead(remembered, "p", listed.Where(p => p.Key != Key(3)).ToDictionary()).Count);

        var withNine = new Dictionary<Guid, long>(listed) { [nine] = 99 };
        var older = new StoredLoadInputs(nine, 99, [Run(nine.ToString(), Start.AddDays(2.5), 9)]);
        Assert.Null(VersionedLoadHistory.TryAppend(remembered, "p", withNine, [older], asOf, out _, out _));
        var newer = older with { Inputs = [Run(nine.ToString(), Start.AddDays(9), 9)] };
        Assert.Null(VersionedLoadHistory.TryAppend(remembered, "p", withNine, [newer], asOf.AddDays(-1), out _, out _)); // planned for an earlier instant
        Assert.Null(VersionedLoadHistory.TryAppend(remembered, "p", withNine, [newer], Start.AddDays(8), out _, out _)); // a run after the plan's instant
        var foreign = newer with { Inputs = [Run(Key(1).ToString(), Start.AddDays(9), 9)] };
        Assert.Null(VersionedLoadHistory.TryAppend(remembered, "p", withNine, [foreign], asOf, out _, out _)); // an input id of another row
        Assert.NotNull(VersionedLoadHistory.TryAppend(remembered, "p", withNine, [newer], asOf, out LoadHistory? planning, out IReadOnlyList<ActivityLoad> scored));
        Assert.Equal(nine.ToString(), Assert.Single(scored).Id);
        Assert.Equal(6, planning!.Activities.Count); // all within the planner's lookback of the plan's instant
        Assert.Throws<InvalidOperationException>(() => planning.With(newer.Inputs[0]));
        Assert.Throws<InvalidOperationException>(() => planning.Until(Start.AddDays(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveryPlanner.Plan(planning, new RunnerReports(), asOf, RecoveryPlanner.DefaultDays + 1));
    }

    [Fact]
    public void A_long_history_keeps_traces_later_scores_read_and_results_of_the_planning_lookback_only()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 30, TimeZone = "UTC" };
        // A run every other day for 400 days, planned a day after the last.
        List<StoredLoadInputs> all = [.. Enumerable.Range(0, 200).Select(i => new StoredLoadInputs(Key(i), i, [Run(Key(i).ToString(), Start.AddDays(2 * i), i)]))];
        DateTimeOffset asOf = Start.AddDays(399);
        VersionedLoadHistory kept = VersionedLoadHistory.Build(profile, "p", all, asOf, out LoadHistory full);

        Assert.Equal(200, kept.Kept.Count);
        // 91 activities lie within the scoring lookback (180 days back from day 398: days 218, 220, …, 398); only those
        // whose trace a later score can read are kept (KeptLoadHistoryPruneTests: the same results as from scratch).
        Assert.Equal(91, full.Activities.Count(a => a.StartUtc >= full.Activities[^1].StartUtc - ActivityLoadCalculator.Lookback));
        Assert.Equal(17, kept.Kept.TraceCount);
        Assert.Equal(full.Activities.Count(a => a.StartUtc >= asOf - RecoveryPlanner.ActivityLookback), kept.Kept.Recent.Count);
        Assert.Equal(full.Days, kept.Kept.Days);
    }
}
