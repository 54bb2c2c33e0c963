using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Tests.Scenarios;

namespace RunRecovery.Scoring.Tests.Advice;

/// <summary>One runner of the sweep: six weeks of runs written as FIT files with our encoder and read back, plus the
/// check-ins they make (each known from 08:00 local on its date).</summary>
internal sealed record SweepRunner(string Name, RunnerProfile Profile, IReadOnlyList<ActivityLoadInput> Runs, IReadOnlyList<SorenessCheckin> Checkins,
    IReadOnlyList<MorningCheckin> Mornings)
{
    public static readonly DateOnly FirstDay = new(2026, 2, 2); // a Monday

    public static IReadOnlyList<SweepRunner> All { get; } = [Steady(), Building(), Spiking(), Injured(), Beginner()];

    /// <summary>Heart rate for a speed: x = v / 4.3 m/s between 55 and 185 bpm.</summary>
    private static int Hr(double speed) => (int)Math.Round(55 + (130 * Math.Min(1, speed / 4.3)));

    private static List<ActivityLoadInput> Weeks(string prefix, RunnerProfile profile, int weeks, Func<int, double> scale,
        params (int Day, int Hour, double Km, double Speed)[] week)
    {
        var zone = LocalTime.Zone(profile);
        var runs = new List<ActivityLoadInput>();
        for (int w = 0; w < weeks; w++)
        {
            foreach (var (day, hour, km, speed) in week)
            {
                var start = LocalTime.ToUtc(FirstDay.AddDays((7 * w) + day), new TimeOnly(hour, 0), zone);
                runs.Add(new SyntheticRun($"{prefix}-{w}-{day}", start).SampleEvery(30).Flat(km * scale(w), speed, Hr(speed)).Build());
            }
        }

        return runs;
    }

    // 36 km every week: Tue 8, Thu 8, Sat 6, Sun 14 (long). The same week six times: never a rest day.
    private static SweepRunner Steady()
    {
        var profile = new RunnerProfile { Sex = Sex.Female, BirthYear = 1988, RestingHeartRateBpm = 55, MaxHeartRateBpm = 185, WeeklyDistanceKm = 36, TimeZone = "Europe/Berlin" };
        return new SweepRunner("steady", profile, Weeks("st", profile, 6, _ => 1, (1, 7, 8, 3.0), (3, 18, 8, 3.0), (5, 9, 6, 3.1), (6, 8, 14, 2.9)), [], []);
    }

    // +10 % a week from 30 km.
    private static SweepRunner Building()
    {
        var profile = new RunnerProfile { Sex = Sex.Male, BirthYear = 1979, RestingHeartRateBpm = 55, MaxHeartRateBpm = 185, TimeZone = "America/New_York", Tools = [MassageTool.FoamRoller] };
        return new SweepRunner("building", profile, Weeks("bu", profile, 6, w => Math.Pow(1.1, w), (0, 6, 6, 3.1), (2, 18, 8, 3.0), (4, 7, 6, 3.2), (6, 9, 10, 2.9)), [], []);
    }

    // Four steady weeks, then every run tripled for two weeks.
    private static SweepRunner Spiking()
    {
        var profile = new RunnerProfile { Sex = Sex.Unknown, BirthYear = 1995, RestingHeartRateBpm = 55, MaxHeartRateBpm = 185, WeeklyDistanceKm = 25, TimeZone = "Asia/Tokyo" };
        return new SweepRunner("spiking", profile, Weeks("sp", profile, 6, w => w >= 4 ? 3 : 1, (1, 7, 6, 3.0), (3, 7, 6, 3.0), (6, 8, 10, 2.9)), [], []);
    }

    // The steady runner's week; sharp calf pain 5/10 on day 10, dull on day 12, fine on day 20; a poor night on day 30.
    private static SweepRunner Injured()
    {
        var profile = new RunnerProfile { Sex = Sex.Male, BirthYear = 1990, RestingHeartRateBpm = 55, MaxHeartRateBpm = 185, TimeZone = "Europe/London", Tools = [MassageTool.MassageGun] };
        SorenessCheckin[] checkins =
        [
            new(FirstDay.AddDays(10), BodyPart.Calves, 4) { PainSeverity = 5, PainCharacter = PainCharacter.Sharp },
            new(FirstDay.AddDays(12), BodyPart.Calves, 3) { PainSeverity = 2, PainCharacter = PainCharacter.Dull },
            new(FirstDay.AddDays(20), BodyPart.Calves, 1),
            new(FirstDay.AddDays(33), BodyPart.Hamstrings, 7),
        ];
        return new SweepRunner("injured", profile, Weeks("in", profile, 6, _ => 1, (1, 7, 8, 3.0), (3, 18, 8, 3.0), (5, 9, 6, 3.1), (6, 8, 14, 2.9)),
            checkins, [new MorningCheckin(FirstDay.AddDays(30), OverallSoreness: 3, SleepQuality: 1)]);
    }

    // No history, no profile volume: three runs a week growing from 20 to 35 minutes.
    private static SweepRunner Beginner()
    {
        var profile = new RunnerProfile { Sex = Sex.Female, BirthYear = 2000, Experience = ExperienceLevel.Beginner, TimeZone = "Australia/Sydney" };
        return new SweepRunner("beginner", profile, Weeks("be", profile, 6, w => 1 + (0.15 * w), (0, 17, 2.6, 2.2), (2, 17, 2.6, 2.2), (5, 9, 3.5, 2.2)), [], []);
    }
}
