using BenchmarkDotNet.Attributes;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Benchmarks.Scoring;

/// <summary>
/// Issue 5 speed bar: a plan for five years of near-daily runs (≈ 1,800 activities' metrics) from scratch in &lt; 50 ms,
/// and one new activity added incrementally in &lt; 1 ms. Figures go to docs/benchmarks.md ("Recovery model").
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class RecoveryPlanBenchmarks
{
    private static readonly DateTimeOffset First = new(2021, 5, 3, 5, 30, 0, TimeSpan.Zero);

    private readonly RunnerProfile _profile = new()
    {
        Sex = Sex.Female,
        BirthYear = 1984,
        WeeklyDistanceKm = 45,
        Tools = [MassageTool.FoamRoller, MassageTool.MassageGun],
        MassageWindow = new TimeWindow(new TimeOnly(19, 0), new TimeOnly(21, 0)),
        TimeZone = "Europe/Berlin",
    };

    private List<ActivityLoadInput> _activities = [];
    private LoadHistory _history = LoadHistory.Empty(RunnerProfile.Default);
    private ActivityLoadInput _next = null!; // set in Setup
    private DateTimeOffset _asOf;

    [GlobalSetup]
    public void Setup()
    {
        _activities = FiveYears();
        _history = LoadHistory.Build(_profile, _activities);
        Console.WriteLine($"// activities: {_activities.Count}, days: {_history.Days.Count}");
        var last = _activities[^1];
        _next = Run(_activities.Count, last.StartUtc.AddDays(1), 12_000, 3.1, 250, 155);
        _asOf = _next.EndUtc.AddHours(1);
    }

    [Benchmark(Description = "plan from scratch, 5 years (~1,800 activities)")]
    public RecoveryPlan FromScratch() =>
        RecoveryPlanner.Plan(LoadHistory.Build(_profile, _activities), [], [], _asOf);

    [Benchmark(Description = "add one activity (LoadHistory.With)")]
    public LoadHistory AddOne() => _history.With(_next);

    [Benchmark(Description = "add one activity + plan")]
    public RecoveryPlan AddOneAndPlan() => RecoveryPlanner.Plan(_history.With(_next), [], [], _asOf);

    public int Count => _activities.Count;

    /// <summary>Near-daily runs for five years: rest on ~1 day in 60, a long run on Sundays, hills twice a week.</summary>
    internal static List<ActivityLoadInput> FiveYears()
    {
        var list = new List<ActivityLoadInput>();
        var random = new Random(20260501);
        for (int day = 0; day < 5 * 365; day++)
        {
            if (random.Next(60) == 0)
            {
                continue;
            }

            var start = First.AddDays(day).AddMinutes(random.Next(0, 600));
            bool sunday = start.DayOfWeek == DayOfWeek.Sunday;
            double km = sunday ? 18 + random.Next(0, 12) : 6 + random.Next(0, 8);
            double climb = day % 7 is 2 or 5 ? 150 + random.Next(0, 350) : random.Next(0, 60);
            list.Add(Run(list.Count, start, km * 1000, 2.7 + (random.NextDouble() * 0.8), climb, 135 + random.Next(0, 35)));
        }

        return list;
    }

    private static ActivityLoadInput Run(int n, DateTimeOffset start, double meters, double speed, double climb, int heartRate) => new()
    {
        Id = $"run-{n:0000}",
        FileName = $"run-{n:0000}.fit",
        Sport = Sport.Running,
        StartUtc = start,
        MovingTime = TimeSpan.FromSeconds(meters / speed),
        DistanceMeters = meters,
        AscentMeters = climb,
        DescentMeters = climb,
        AvgHeartRateBpm = heartRate,
        MaxHeartRateBpm = heartRate + 15,
        AvgCadenceStepsPerMinute = 168,
    };
}
