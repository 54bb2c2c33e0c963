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
/// changes, rows rewritten by the recompute itself or by someone else, and a lost cache.
/// </summary>
public class VersionedLoadHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 30, 0, TimeSpan.Zero);

    private sealed class Store
    {
        public Dictionary<string, (long Version, IReadOnlyList<ActivityLoadInput> Inputs)> Rows { get; } = new(StringComparer.Ordinal);

        private long _xid = 100;

        public long NextVersion() => ++_xid;

        public Dictionary<string, long> Versions() => Rows.ToDictionary(row => row.Key, row => row.Value.Version, StringComparer.Ordinal);

        public List<StoredLoadInputs> Read(IEnumerable<string> keys) => [.. keys.Select(key => new StoredLoadInputs(key, Rows[key].Version, Rows[key].Inputs))];
    }

    private static ActivityLoadInput Run(string id, DateTimeOffset start, int i, Sport sport = Sport.Running) =>
        new SyntheticRun(id, start, sport)
            .Flat(4 + (i % 5 * 2), 2.8 + (i % 3 * 0.25), 135 + (i % 6 * 5)).Hill(40 + (i % 3 * 50), 0.07, 3.0).Hill(-(40 + (i % 3 * 50)), 0.07, 3.2)
            .SampleEvery(30).BuildDirect();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_remembered_history_extended_with_new_activities_equals_the_history_built_from_scratch(int seed)
    {
        var random = new Random(seed);
        var store = new Store();
        var profile = new RunnerProfile { Sex = Sex.Female, BirthYear = 1988, WeeklyDistanceKm = 30, TimeZone = "Europe/Berlin" };
        string stamp = "p0";
        VersionedLoadHistory? remembered = null;
        DateTimeOffset latest = Start;
        int appends = 0, rebuilds = 0, made = 0;

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
                string key = store.Rows.Keys.ElementAt(random.Next(store.Rows.Count));
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
                string key = store.Rows.Keys.ElementAt(random.Next(store.Rows.Count));
                store.Rows[key] = (store.NextVersion(), store.Rows[key].Inputs); // someone else wrote the row (a name, a note)
            }
            else
            {
                uploads = 1;
            }

            for (int u = 0; u < uploads; u++)
            {
                // Mostly newer than everything stored; sometimes an older run uploaded late.
                DateTimeOffset start = random.NextDouble() < 0.8 ? latest.AddHours(8 + random.Next(40)) : Start.AddHours(random.Next((int)(latest - Start).TotalHours + 1));
                latest = start > latest ? start : latest;
                string key = $"a{made:000}";
                IReadOnlyList<ActivityLoadInput> inputs = made % 17 == 5
                    ? [Run(key + "#1", start, made, Sport.Cycling), Run(key + "#2", start.AddMinutes(50), made + 1)] // a multisport file
                    : [Run(key, start, made)];
                store.Rows[key] = (store.NextVersion(), inputs);
                made++;
            }

            // The recompute, as ScoreRunnerHandler does it.
            Dictionary<string, long> listed = store.Versions();
            IReadOnlyCollection<string> keys = VersionedLoadHistory.KeysToRead(remembered, stamp, listed);
            List<StoredLoadInputs> read = store.Read(keys);
            VersionedLoadHistory? next = VersionedLoadHistory.TryAppend(remembered, stamp, listed, read, out LoadHistory? history);
            if (next is not null)
            {
                appends++;
            }
            else
            {
                rebuilds++;
                next = VersionedLoadHistory.Build(profile, stamp, store.Read(listed.Keys), out LoadHistory built);
                history = built;
            }

            LoadHistory scratch = LoadHistory.Build(profile, store.Rows.Values.SelectMany(row => row.Inputs));
            Assert.Equal(scratch.Activities, history!.Activities);
            Assert.Equal(scratch.Days, history.Days);
            Assert.Equal(scratch.SeedDailyLoad, history.SeedDailyLoad);
            Assert.Equal(
                JsonSerializer.Serialize(RecoveryPlanner.Plan(scratch, new RunnerReports(), latest.AddDays(1))),
                JsonSerializer.Serialize(RecoveryPlanner.Plan(history, new RunnerReports(), latest.AddDays(1))));

            // The recompute wrote the rows whose loads it stored: new versions, same inputs.
            var rewritten = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string key in read.Select(r => r.Key).Where(_ => random.NextDouble() < 0.7))
            {
                store.Rows[key] = (store.NextVersion(), store.Rows[key].Inputs);
                rewritten[key] = store.Rows[key].Version;
            }

            remembered = next.WithVersions(rewritten);
        }

        Assert.True(appends > 10, $"appends {appends}"); // the incremental path ran, and so did the rebuild
        Assert.True(rebuilds > 5, $"rebuilds {rebuilds}");
    }

    [Fact]
    public void An_older_run_a_patched_or_a_deleted_one_and_a_changed_profile_each_ask_for_every_input()
    {
        var profile = new RunnerProfile { WeeklyDistanceKm = 30, TimeZone = "UTC" };
        List<StoredLoadInputs> all = [.. Enumerable.Range(0, 5).Select(i => new StoredLoadInputs($"a{i}", 10 + i, [Run($"a{i}", Start.AddDays(i), i)]))];
        var listed = all.ToDictionary(r => r.Key, r => r.Version, StringComparer.Ordinal);
        VersionedLoadHistory remembered = VersionedLoadHistory.Build(profile, "p", all, out _);
        Assert.All(remembered.History.Inputs, input => Assert.Empty(input.Samples)); // a few hundred bytes a run

        Assert.Empty(VersionedLoadHistory.KeysToRead(remembered, "p", listed));
        Assert.Equal(["a9"], VersionedLoadHistory.KeysToRead(remembered, "p", new Dictionary<string, long>(listed) { ["a9"] = 99 }));
        Assert.Equal(5, VersionedLoadHistory.KeysToRead(remembered, "q", listed).Count);
        Assert.Equal(5, VersionedLoadHistory.KeysToRead(remembered, "p", new Dictionary<string, long>(listed) { ["a2"] = 50 }).Count);
        Assert.Equal(4, VersionedLoadHistory.KeysToRead(remembered, "p", listed.Where(p => p.Key != "a3").ToDictionary()).Count);

        var older = new StoredLoadInputs("a9", 99, [Run("a9", Start.AddDays(2.5), 9)]);
        Assert.Null(VersionedLoadHistory.TryAppend(remembered, "p", new Dictionary<string, long>(listed) { ["a9"] = 99 }, [older], out _));
        var newer = older with { Inputs = [Run("a9", Start.AddDays(9), 9)] };
        Assert.NotNull(VersionedLoadHistory.TryAppend(remembered, "p", new Dictionary<string, long>(listed) { ["a9"] = 99 }, [newer], out LoadHistory? full));
        Assert.NotEmpty(full!.Inputs[^1].Samples); // planned with the new run's samples
    }
}
