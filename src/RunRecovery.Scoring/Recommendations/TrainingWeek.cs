using System.Globalization;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>
/// The runner's recent weeks in their own terms: distance and time per week, hard and long runs, and the two quality
/// days of the week (docs/recovery-model.md §7.4).
/// </summary>
public static class TrainingWeek
{
    /// <summary>A run at or above 70 TRIMP(100) per hour (about 78 % of heart-rate reserve held throughout; an easy run
    /// at 70 % scores about 55) is hard. Our assumption, §7.4.</summary>
    public const double HardLoadPerHour = 70;

    /// <summary>Runs shorter than this never count as hard. Our assumption, §7.4.</summary>
    public static readonly TimeSpan MinHardRun = TimeSpan.FromMinutes(15);

    /// <summary>A run of 90 minutes or more, or 1.5× the runner's median run of the last four weeks, is long. Ours, §7.4.</summary>
    public static readonly TimeSpan LongRun = TimeSpan.FromMinutes(90);

    public const double LongShareOfMedian = 1.5;

    /// <summary>Quality days fall two and four days after the runner's usual long-run day (e.g. Tuesday and Thursday after
    /// a Sunday long run): two a week, 48 h apart, never the day after the long run. Our assumption, §7.4.</summary>
    public static readonly int[] QualityOffsets = [2, 4];

    /// <summary>A week of running at least twice the average week of the three before it calls for rest. Nielsen et al. 2014
    /// (874 novice runners) saw more distance-related injuries after a progression of more than 30 % over two weeks (hazard
    /// ratio 1.59, 95 % CI 0.96–2.66); doubling is more than three times that step. The threshold is our assumption, §7.4.</summary>
    public const double DistanceSpikeToUsual = 2.0;

    /// <summary>Below 10 km a usual week, doubling is a few kilometres and the unaccustomed-run rule covers a single big
    /// run. Our assumption, §7.4.</summary>
    public const double DistanceSpikeMinUsualKm = 10;

    public static bool IsHard(ActivityLoad a, Sex sex) =>
        a.MovingTime >= MinHardRun && a.MovingTime.TotalHours > 0
        && 100 * a.CardioLoad / Trimp.OneHourAtThreshold(sex) / a.MovingTime.TotalHours >= HardLoadPerHour;

    public static bool IsLong(ActivityLoad a, IReadOnlyList<ActivityLoad> activities)
    {
        if (a.MovingTime >= LongRun)
        {
            return true;
        }

        var earlier = activities.Where(e => e.LoadsRunningMuscles && e.StartUtc < a.StartUtc && e.StartUtc >= a.StartUtc.AddDays(-28))
            .Select(e => e.MovingTime.TotalMinutes).Order().ToList();
        return earlier.Count >= 3 && a.MovingTime.TotalMinutes >= LongShareOfMedian * earlier[earlier.Count / 2];
    }

    /// <summary>Runs that started on <paramref name="day"/> (local), before <paramref name="beforeUtc"/>.</summary>
    public static IEnumerable<ActivityLoad> On(RecommendationContext context, DateOnly day, DateTimeOffset beforeUtc) =>
        context.Activities.Where(a => a.LocalDate == day && a.StartUtc < beforeUtc);

    public static bool HardOrLongOn(RecommendationContext context, DateOnly day, DateTimeOffset beforeUtc) =>
        On(context, day, beforeUtc).Any(a => IsHard(a, context.Profile.Sex) || (a.LoadsRunningMuscles && IsLong(a, context.Activities)));

    /// <summary>The weekday with the most running distance in the four weeks before the Monday of <paramref name="day"/>'s
    /// week (stable within a week); Sunday when there is none.</summary>
    public static DayOfWeek LongRunDay(RecommendationContext context, DateOnly day)
    {
        DateOnly monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var totals = new double[7];
        foreach (var a in context.Activities)
        {
            if (a.LoadsRunningMuscles && a.LocalDate < monday && a.LocalDate >= monday.AddDays(-28))
            {
                totals[(int)a.LocalDate.DayOfWeek] += a.DistanceMeters;
            }
        }

        DayOfWeek best = DayOfWeek.Sunday;
        foreach (var d in new[] { DayOfWeek.Sunday, DayOfWeek.Saturday, DayOfWeek.Friday, DayOfWeek.Thursday, DayOfWeek.Wednesday, DayOfWeek.Tuesday, DayOfWeek.Monday })
        {
            if (totals[(int)d] > totals[(int)best])
            {
                best = d;
            }
        }

        return best;
    }

    public static bool IsQualitySlot(RecommendationContext context, DateOnly day)
    {
        var longDay = LongRunDay(context, day);
        return QualityOffsets.Any(o => (int)day.DayOfWeek == ((int)longDay + o) % 7);
    }

    /// <summary>Hard runs and quality slots in the 6 days before <paramref name="day"/> (a hard run on a slot day counts once).</summary>
    public static int HardDaysBefore(RecommendationContext context, DateOnly day)
    {
        int count = 0;
        for (int k = 1; k <= 6; k++)
        {
            DateOnly d = day.AddDays(-k);
            bool hard = context.Activities.Any(a => a.LocalDate == d && IsHard(a, context.Profile.Sex));
            count += hard || IsQualitySlot(context, d) ? 1 : 0;
        }

        return count;
    }

    /// <summary>"38 km and 3 h 40 min in the last 7 days against 30 km / 2 h 55 min a week over the last four."</summary>
    public static string Volume(RecommendationContext context, DateOnly lastDay, DateTimeOffset beforeUtc)
    {
        (double km7, TimeSpan time7) = Totals(context, lastDay.AddDays(-6), lastDay, beforeUtc);
        (double km28, TimeSpan time28) = Totals(context, lastDay.AddDays(-27), lastDay, beforeUtc);
        return string.Create(CultureInfo.InvariantCulture,
            $"{km7:0} km and {Duration(time7)} in the 7 days to {lastDay:yyyy-MM-dd} against {km28 / 4:0} km / {Duration(time28 / 4)} a week over the last four.");
    }

    /// <summary>Running distance of the 7 days to <paramref name="lastDay"/> against the runner's average week of the three
    /// weeks before them (an uncoupled comparison: the week is not part of its own baseline), both in km rounded to
    /// 0.1 km as the reasons show them; null below <see cref="DistanceSpikeMinUsualKm"/> a week (§7.4).</summary>
    public static (double WeekKm, double UsualKm)? DistanceProgression(RecommendationContext context, DateOnly lastDay, DateTimeOffset beforeUtc)
    {
        double week = Math.Round(Totals(context, lastDay.AddDays(-6), lastDay, beforeUtc).Km, 1);
        double usual = Math.Round(Totals(context, lastDay.AddDays(-27), lastDay.AddDays(-7), beforeUtc).Km / 3, 1);
        return usual >= DistanceSpikeMinUsualKm ? (week, usual) : null;
    }

    private static (double Km, TimeSpan Time) Totals(RecommendationContext context, DateOnly from, DateOnly to, DateTimeOffset beforeUtc)
    {
        double meters = 0;
        var time = TimeSpan.Zero;
        foreach (var a in context.Activities)
        {
            if (a.LocalDate >= from && a.LocalDate <= to && a.StartUtc < beforeUtc)
            {
                meters += a.LoadsRunningMuscles ? a.DistanceMeters : 0;
                time += a.MovingTime;
            }
        }

        return (meters / 1000, time);
    }

    public static string Duration(TimeSpan time) => time.TotalMinutes < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalMinutes:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours} h {time.Minutes:0} min");
}
