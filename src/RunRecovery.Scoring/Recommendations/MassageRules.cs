using System.Globalization;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Self-massage and stretching after running (docs/recovery-model.md §7.1–§7.2).</summary>
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

    /// <summary>Post-run massage is due 30 minutes after the end (cool-down, shower) and within about 2 hours.</summary>
    public static readonly TimeSpan PostRunDelay = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan PostRunWindow = TimeSpan.FromHours(2);

    /// <summary>A next-day massage follows runs with at least 500 m of descent or a quadriceps eccentric load of 15,
    /// because soreness after eccentric work peaks 24–72 h later (research §2.7). Thresholds are ours, §7.1.</summary>
    public const double BigDescentMeters = 500;

    public const double BigEccentricLoad = 15;

    /// <summary>No massage gun within 12 hours before a suggested quality session (Ferreira 2023: no gain or a loss
    /// for strength, sprint and explosive work, research §2.8). The 12 h is our assumption, §7.1.</summary>
    public static readonly TimeSpan NoGunBeforeHardSession = TimeSpan.FromHours(12);


    public static IReadOnlyList<Recommendation> For(RecommendationContext context, IReadOnlyList<DateTimeOffset> hardSessionsUtc)
    {
        var result = new List<Recommendation>();
        foreach (var activity in context.Activities)
        {
            if (!activity.LoadsRunningMuscles || activity.EndUtc > context.AsOfUtc || activity.EndUtc <= context.AsOfUtc - TimeSpan.FromHours(48))
            {
                continue;
            }

            bool triggered = activity.MovingTime > MinRunForMassage || activity.MuscleLoad.Max >= HighMuscleLoad;
            if (!triggered)
            {
                continue;
            }

            DateTimeOffset due = PostRunDue(activity.EndUtc, context);
            DateTimeOffset expires = Max(due + PostRunWindow, LocalTime.BedTimeOf(LocalTime.Date(due, context.Zone), context.Profile, context.Zone));
            var runReason = I($"{activity.Sport.ToString().ToLowerInvariant()} of {activity.MovingTime.TotalMinutes:0} min, {activity.DistanceMeters / 1000:0.0} km, {activity.DescentMeters:0} m descent, ended {activity.EndUtc:yyyy-MM-dd HH:mm} UTC.");
            result.AddRange(Massage(context, activity, activity.MuscleLoad, due, expires, runReason, "post", hardSessionsUtc));
            result.AddRange(StretchRules.For(context, activity, due, expires, runReason));

            bool bigDescent = activity.DescentMeters >= BigDescentMeters || activity.EccentricLoad.Quadriceps >= BigEccentricLoad;
            if (bigDescent)
            {
                DateOnly next = LocalTime.Date(activity.EndUtc, context.Zone).AddDays(1);
                TimeOnly at = context.Profile.MassageWindow?.Start ?? new TimeOnly(18, 0);
                DateTimeOffset nextDue = LocalTime.IntoWakingHours(LocalTime.ToUtc(next, at, context.Zone), context.Profile, context.Zone);
                DateTimeOffset nextExpires = Max(nextDue + PostRunWindow, LocalTime.BedTimeOf(next, context.Profile, context.Zone));
                MuscleLoad eccentric = activity.EccentricLoad.Map((g, e) => e * (1 - activity.Protection[g]) * activity.Novelty[g]);
                string why = I($"{activity.DescentMeters:0} m of descent: soreness after downhill running peaks 24–72 h later, so a second session helps the next day.");
                result.AddRange(Massage(context, activity, eccentric, nextDue, nextExpires, why, "next-day", hardSessionsUtc));
            }
        }

        return result;
    }

    private static DateTimeOffset PostRunDue(DateTimeOffset endUtc, RecommendationContext context)
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

    private static IEnumerable<Recommendation> Massage(RecommendationContext context, ActivityLoad activity, MuscleLoad loads,
        DateTimeOffset due, DateTimeOffset expires, string why, string phase, IReadOnlyList<DateTimeOffset> hardSessionsUtc)
    {
        double top = loads.Max;
        if (top <= 0)
        {
            yield break;
        }

        var emphasis = context.Feedback.Emphasis;
        var groups = MuscleLoad.Groups
            .Select(g => (Group: g, Part: RecommendationContext.ToBodyPart(g), Load: loads[g]))
            .Where(x => !context.IsFlagged(x.Part))
            .Where(x => x.Load >= IncludeShareOfTop * top || (emphasis.ContainsKey(x.Part) && x.Load > 0))
            .OrderByDescending(x => x.Load).ThenBy(x => x.Group)
            .ToList();
        bool fewer = context.Feedback.AvoidsKind(RecommendationKind.Massage);
        if (fewer)
        {
            groups = groups.Take(1).ToList();
        }

        if (groups.Count == 0)
        {
            yield break;
        }

        double sum = groups.Sum(x => x.Load);
        int total = (int)Math.Clamp(Math.Round(MinTotalMinutes + (MinutesPerLoadUnit * sum), MidpointRounding.AwayFromZero), MinTotalMinutes, MaxTotalMinutes);
        int[] minutes = Split(total, groups.Select(x => x.Load * (emphasis.ContainsKey(x.Part) ? FeedbackRules.EmphasisWeight : 1)).ToArray());
        for (int i = 0; i < groups.Count; i++)
        {
            if (emphasis.ContainsKey(groups[i].Part))
            {
                minutes[i] += FeedbackRules.EmphasisExtraMinutes;
            }
        }

        bool hardSoon = hardSessionsUtc.Any(h => h >= due && h - due <= NoGunBeforeHardSession);

        for (int rank = 0; rank < groups.Count; rank++)
        {
            var (group, part, load) = groups[rank];
            var reasons = new List<string>
            {
                why,
                I($"{SafetyRules.Name(part)} load {load:0.0} (rank {rank + 1} of {groups.Count}; novelty ×{activity.Novelty[group]:0.00}); {total} min in total split by load."),
            };
            if (emphasis.TryGetValue(part, out int days))
            {
                reasons.Add(I($"You reported {SafetyRules.Name(part)} soreness on {days} of the last {FeedbackRules.RecurringWindowDays} days, so it gets extra time."));
            }

            if (fewer && rank == 0)
            {
                reasons.Add(context.Feedback.KindReason(RecommendationKind.Massage));
            }

            (string tool, string technique) = MassageTechnique.Choose(group, context, hardSoon, reasons);
            yield return new Recommendation
            {
                Id = I($"massage:{SafetyRules.Name(part)}:{activity.Id}:{phase}"),
                Kind = RecommendationKind.Massage,
                BodyParts = [part],
                Technique = technique,
                Tool = tool,
                DurationMinutes = minutes[rank],
                DueUtc = due,
                ExpiresUtc = expires,
                Priority = 60 - rank,
                Reasons = reasons,
                Sources = tool switch
                {
                    ToolName.FoamRoller => [Sources.Guo2017, Sources.Wiewelhove2019],
                    ToolName.MassageGun => [Sources.Guo2017, Sources.Ferreira2023],
                    _ => [Sources.Guo2017, Sources.Dupuy2018],
                },
                ActivityId = activity.Id,
            };
        }
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

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
