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

    /// <summary>Stretching holds (issue 5). Evidence for soreness relief is absent (Dupuy 2018, research §2.8).</summary>
    public const string StretchTechnique =
        "Static stretches, hold 10–20 s, 2–3 times per side; gentle tension, no bouncing, never into pain.";

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
            result.AddRange(Stretch(context, activity, due, expires, runReason));

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

            (string tool, string technique) = Technique(group, context, hardSoon, reasons);
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

    /// <summary>Tool preference and technique per group (issue 5): only owned tools, never an always-dismissed one,
    /// no massage gun right before a hard session; hands are the fallback.</summary>
    private static (string Tool, string Technique) Technique(MuscleGroup group, RecommendationContext context, bool hardSoon, List<string> reasons)
    {
        MassageTool[] preference = group switch
        {
            MuscleGroup.Calves => [MassageTool.Hands, MassageTool.MassageGun, MassageTool.FoamRoller],
            MuscleGroup.Shins => [MassageTool.FoamRoller, MassageTool.Hands],
            MuscleGroup.Glutes => [MassageTool.TennisBall, MassageTool.FoamRoller, MassageTool.MassageGun, MassageTool.Hands],
            _ => [MassageTool.FoamRoller, MassageTool.MassageGun, MassageTool.Hands],
        };

        MassageTool chosen = MassageTool.Hands;
        foreach (var tool in preference)
        {
            string name = ToolName.Of(tool);
            if (!context.Profile.Owns(tool))
            {
                continue;
            }

            if (context.Feedback.AvoidsTool(name))
            {
                reasons.Add(context.Feedback.ToolReason(name));
                continue;
            }

            if (tool == MassageTool.MassageGun && hardSoon)
            {
                reasons.Add("No massage gun: a quality session is suggested within 12 h, and percussion can blunt strength and speed for a while.");
                continue;
            }

            chosen = tool;
            break;
        }

        string technique = (group, chosen) switch
        {
            (MuscleGroup.Calves, MassageTool.Hands) => "Squeeze and knead the calf, then thumb pressure along the muscle, always stroking toward the knee.",
            (MuscleGroup.Calves, _) => "Slow passes along the calf from ankle toward the knee, moderate pressure, skip the Achilles tendon.",
            (MuscleGroup.Shins, MassageTool.FoamRoller) => "Gentle rolling of the muscle beside the shin bone (not on the bone), light pressure, slow.",
            (MuscleGroup.Shins, _) => "Gentle rolling strokes with the palm along the muscle beside the shin bone (not on the bone), toward the knee.",
            (MuscleGroup.Glutes, MassageTool.TennisBall) => "Sit on a tennis ball and hold gentle pressure on tender spots for 20–30 s, then move on.",
            (MuscleGroup.Glutes, MassageTool.Hands) => "Knead the buttock muscles with the heel of the hand and the knuckles.",
            (MuscleGroup.Glutes, MassageTool.FoamRoller) => "Sit on the roller, lean onto one side and roll the buttock slowly, pausing on tender spots.",
            (_, MassageTool.FoamRoller) => "Slow foam-roller passes from knee to hip, about 2–3 cm per second, pausing on tender spots.",
            (_, MassageTool.MassageGun) => "Massage gun on a low setting, slow passes along the muscle, about 1 minute per area, off bone and joints.",
            _ => "Kneading with both hands, working from the knee toward the hip.",
        };

        return (ToolName.Of(chosen), technique);
    }

    private static IEnumerable<Recommendation> Stretch(RecommendationContext context, ActivityLoad activity, DateTimeOffset due,
        DateTimeOffset expires, string runReason)
    {
        if (context.Feedback.AvoidsKind(RecommendationKind.Stretch))
        {
            yield break;
        }

        double top = activity.MuscleLoad.Max;
        var parts = new[] { MuscleGroup.Calves, MuscleGroup.Hamstrings, MuscleGroup.Quadriceps }
            .Where(g => activity.MuscleLoad[g] >= IncludeShareOfTop * top)
            .OrderByDescending(g => activity.MuscleLoad[g]).ThenBy(g => g)
            .Select(RecommendationContext.ToBodyPart)
            .Where(p => !context.IsFlagged(p))
            .ToList();
        if (parts.Count == 0)
        {
            yield break;
        }

        yield return new Recommendation
        {
            Id = I($"stretch:{string.Join('+', parts.Select(SafetyRules.Name))}:{activity.Id}"),
            Kind = RecommendationKind.Stretch,
            BodyParts = parts,
            Technique = StretchTechnique,
            DurationMinutes = Math.Max(3, 2 * parts.Count),
            DueUtc = due,
            ExpiresUtc = expires,
            Priority = 35,
            Reasons =
            [
                runReason,
                I($"Loaded groups: {string.Join(", ", parts.Select(SafetyRules.Name))}."),
                "Stretching is for comfort and range of motion; it does not reduce next-day soreness.",
            ],
            Sources = [Sources.Dupuy2018],
            ActivityId = activity.Id,
        };
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
