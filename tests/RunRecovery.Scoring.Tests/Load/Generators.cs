using CsCheck;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Tests.Load;

/// <summary>CsCheck generators for profiles and activity totals.</summary>
internal static class Generators
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 5, 0, 0, TimeSpan.Zero);

    public static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];

    public static readonly Gen<RunnerProfile> Profile =
        from sex in Gen.OneOf(Sex.Male, Sex.Female, Sex.Unknown)
        from birth in Maybe(Gen.Int[1940, 2008])
        from hrMax in Maybe(Gen.Int[160, 210])
        from hrRest in Maybe(Gen.Int[38, 75])
        from weekly in Maybe(Gen.Double[0, 150])
        from experience in Gen.OneOf(ExperienceLevel.Beginner, ExperienceLevel.Intermediate, ExperienceLevel.Advanced)
        from foam in Gen.Bool
        from gun in Gen.Bool
        from ball in Gen.Bool
        from window in Gen.Bool.SelectMany(b => b ? Gen.Int[17, 20].Select(h => (TimeWindow?)new TimeWindow(new TimeOnly(h, 0), new TimeOnly(h + 1, 30))) : Gen.Const(() => (TimeWindow?)null))
        from wake in Gen.Int[5, 8]
        from bed in Gen.Int[21, 23]
        from zone in Gen.OneOf(Zones)
        select new RunnerProfile
        {
            Sex = sex,
            BirthYear = birth,
            MaxHeartRateBpm = hrMax,
            RestingHeartRateBpm = hrRest,
            WeeklyDistanceKm = weekly,
            Experience = experience,
            Tools = [.. new[] { (foam, MassageTool.FoamRoller), (gun, MassageTool.MassageGun), (ball, MassageTool.TennisBall) }.Where(t => t.Item1).Select(t => t.Item2)],
            MassageWindow = window,
            WakeTime = new TimeOnly(wake, 0),
            BedTime = new TimeOnly(bed, 0),
            TimeZone = zone,
        };

    /// <summary>Activity totals (no samples) starting <paramref name="hoursAfterEpoch"/> after <see cref="Epoch"/>.</summary>
    public static Gen<ActivityLoadInput> Activity(string id, Gen<double> hoursAfterEpoch) =>
        from hours in hoursAfterEpoch
        from sport in Gen.Frequency((6, Gen.Const(Sport.Running)), (1, Gen.Const(Sport.Cycling)), (1, Gen.Const(Sport.Hiking)), (1, Gen.Const(Sport.Swimming)))
        from km in Gen.Double[0, 60]
        from speed in Gen.Double[0.8, 6]
        from ascent in Gen.Double[0, 2500]
        from descent in Gen.Double[0, 2500]
        from hr in Maybe(Gen.Int[90, 200])
        from cadence in Maybe(Gen.Double[140, 200])
        from temperature in Maybe(Gen.Double[-5, 35])
        select new ActivityLoadInput
        {
            Id = id,
            Sport = sport,
            StartUtc = Epoch.AddHours(hours),
            MovingTime = TimeSpan.FromSeconds(Math.Round(km * 1000 / speed)),
            DistanceMeters = km * 1000,
            AscentMeters = ascent * km / 60,
            DescentMeters = descent * km / 60,
            AvgHeartRateBpm = hr,
            MaxHeartRateBpm = hr + 10,
            AvgCadenceStepsPerMinute = cadence,
            AvgTemperatureCelsius = temperature,
        };

    /// <summary>0–<paramref name="max"/> activities spread over <paramref name="days"/> days.</summary>
    public static Gen<ActivityLoadInput[]> History(int max, double days) =>
        Activity("h", Gen.Double[0, days * 24]).Array[0, max]
            .Select(runs => runs.Select((a, i) => a with { Id = $"h{i:000}" }).ToArray());

    public static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : struct => Gen.Bool.SelectMany(b => b ? gen.Select(v => (T?)v) : Gen.Const(() => (T?)null));

    public static ActivityLoadInput Scaled(ActivityLoadInput a, double k) => a with
    {
        DistanceMeters = a.DistanceMeters * k,
        MovingTime = TimeSpan.FromTicks((long)(a.MovingTime.Ticks * k)),
        ElapsedTime = null,
        AscentMeters = a.AscentMeters * k,
        DescentMeters = a.DescentMeters * k,
    };
}
