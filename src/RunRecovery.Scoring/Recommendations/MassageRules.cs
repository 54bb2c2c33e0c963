using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>One self-massage session per run, or per day when runs share a day, with ordered steps and stretching as
/// its last steps; a follow-up session the next day after unusually long, new or downhill runs
/// (docs/recovery-model.md §7.1–§7.2).</summary>
public static class MassageRules
{
    /// <summary>Massage after runs longer than 30 minutes (issue 5) ...</summary>
    public static readonly TimeSpan MinRunForMassage = TimeSpan.FromMinutes(30);

    /// <summary>... or with a group load of at least 12 units (about a 12 km easy run on the calves). Our assumption, §7.1.</summary>
    public const double HighMuscleLoad = 12;

    /// <summary>Groups at or above 25 % of the most loaded group are included. Our assumption, §7.1.</summary>
    public const double IncludeShareOfTop = 0.25;

    /// <summary>Total minutes 5 + 0.1 per load unit of the included groups, 5 to 30. The 5-minute floor is issue 5's;
    /// the slope and cap are our assumption, §7.1.</summary>
    public const int MinTotalMinutes = 5;

    public const int MaxTotalMinutes = 30;

    public const double MinutesPerLoadUnit = 0.1;

    /// <summary>Every massage step lasts at least 2 minutes: fewer groups rather than 1-minute steps. Ours, §7.1.</summary>
    public const int MinStepMinutes = 2;

    /// <summary>Post-run massage is due 30 minutes after the end (cool-down, shower) and within about 2 hours.</summary>
    public static readonly TimeSpan PostRunDelay = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan PostRunWindow = TimeSpan.FromHours(2);

    /// <summary>A follow-up session the next day after runs with at least 500 m of descent or a quadriceps eccentric
    /// load of 15, after runs of 90 minutes or more, and after runs at least 1.5× the runner's longest of the previous
    /// 4 weeks: soreness after unaccustomed or eccentric work peaks 24–72 h later (research §2.7). Thresholds ours, §7.1.</summary>
    public const double BigDescentMeters = 500;

    public const double BigEccentricLoad = 15;

    public static readonly TimeSpan LongRunForFollowUp = TimeSpan.FromMinutes(90);

    public const double NewRunShareOfLongest = 1.5;

    /// <summary>No massage gun within 12 hours before a suggested quality session (Ferreira 2023: no gain or a loss
    /// for strength, sprint and explosive work, research §2.8). The 12 h is our assumption, §7.1.</summary>
    public static readonly TimeSpan NoGunBeforeHardSession = TimeSpan.FromHours(12);

    public static IReadOnlyList<Recommendation> For(RecommendationContext context, IReadOnlyList<DateTimeOffset> hardSessionsUtc)
    {
        var runs = context.Activities
            .Where(a => a.LoadsRunningMuscles && a.EndUtc <= context.AsOfUtc && a.EndUtc > context.AsOfUtc - TimeSpan.FromHours(48))
            .Where(a => a.MovingTime > MinRunForMassage || a.MuscleLoad.Max >= HighMuscleLoad)
            .OrderBy(a => a.EndUtc).ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        var sessions = new List<MassageSession>();
        foreach (var day in runs.GroupBy(a => LocalTime.Date(a.EndUtc, context.Zone)))
        {
            DateTimeOffset acted = LastActed(context, day.Key);
            var open = day.Where(a => a.EndUtc > acted).ToList();
            if (open.Count == 0)
            {
                continue;
            }

            sessions.Add(MassageSession.After(context, open));
        }

        foreach (var followUp in runs.Where(a => IsUnusual(context, a)).GroupBy(a => LocalTime.Date(a.EndUtc, context.Zone).AddDays(1)))
        {
            var session = MassageSession.FollowUp(context, followUp.Key, [.. followUp]);
            if (context.FeedbackEntries.Any(f => f.RecommendationId == session.Id))
            {
                continue;
            }

            // A run on the follow-up day gets one session for both: the follow-up folds into it.
            int same = sessions.FindIndex(s => s.Date == followUp.Key && !s.IsFollowUp);
            if (same >= 0)
            {
                sessions[same] = sessions[same].Absorb(session);
            }
            else
            {
                sessions.Add(session);
            }
        }

        return [.. sessions.Select(s => s.ToRecommendation(context, hardSessionsUtc)).OfType<Recommendation>()];
    }

    /// <summary>Unusually long or new for this runner, or a big descent: worth a second session the next day.</summary>
    public static bool IsUnusual(RecommendationContext context, ActivityLoad run)
    {
        if (run.DescentMeters >= BigDescentMeters || run.EccentricLoad.Quadriceps >= BigEccentricLoad || run.MovingTime >= LongRunForFollowUp)
        {
            return true;
        }

        double longest = context.Activities
            .Where(a => a.LoadsRunningMuscles && a.StartUtc < run.StartUtc && a.StartUtc >= run.StartUtc.AddDays(-28))
            .Select(a => a.MovingTime.TotalMinutes).DefaultIfEmpty(0).Max();
        return run.MovingTime.TotalMinutes >= NewRunShareOfLongest * longest;
    }

    /// <summary>The latest time the runner acted on a post-run massage of <paramref name="day"/>: runs that ended before
    /// it are covered and start no new session.</summary>
    private static DateTimeOffset LastActed(RecommendationContext context, DateOnly day)
    {
        DateTimeOffset latest = DateTimeOffset.MinValue;
        foreach (var f in context.FeedbackEntries)
        {
            bool post = f.RecommendationId?.StartsWith("massage:post:", StringComparison.Ordinal) ?? f.Kind == RecommendationKind.Massage;
            if (post && f.AtUtc <= context.AsOfUtc && LocalTime.Date(f.AtUtc, context.Zone) == day && f.AtUtc > latest)
            {
                latest = f.AtUtc;
            }
        }

        return latest;
    }

    internal static DateTimeOffset PostRunDue(DateTimeOffset endUtc, RecommendationContext context)
    {
        DateTimeOffset due = endUtc + PostRunDelay;
        if (context.Profile.MassageWindow is { } window)
        {
            DateOnly date = LocalTime.Date(due, context.Zone);
            DateTimeOffset start = LocalTime.ToUtc(date, window.Start, context.Zone);
            DateTimeOffset end = LocalTime.ToUtc(date, window.End, context.Zone);
            if (due >= start && due <= end)
            {
                return LocalTime.IntoWakingHours(due, context.Profile, context.Zone);
            }

            if (start > due && start <= due + PostRunWindow)
            {
                due = start;
            }
        }

        return LocalTime.IntoWakingHours(due, context.Profile, context.Zone);
    }

    /// <summary>Splits <paramref name="total"/> minutes by weight (largest remainder, ties to the earlier group), each at least 1.</summary>
    public static int[] Split(int total, IReadOnlyList<double> weights)
    {
        int n = weights.Count;
        var minutes = new int[n];
        double sum = weights.Sum();
        if (n == 0 || sum <= 0)
        {
            return minutes;
        }

        var remainders = new (double Remainder, int Index)[n];
        int used = 0;
        for (int i = 0; i < n; i++)
        {
            double exact = total * weights[i] / sum;
            minutes[i] = (int)Math.Floor(exact);
            remainders[i] = (exact - minutes[i], i);
            used += minutes[i];
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(total - used))
        {
            minutes[index]++;
        }

        for (int i = 0; i < n; i++)
        {
            minutes[i] = Math.Max(1, minutes[i]);
        }

        return minutes;
    }
}
