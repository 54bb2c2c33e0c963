using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>The ordered steps of one session (docs/recovery-model.md §7.1–§7.2): massage per muscle group by load
/// (largest first, at least 2 minutes each, 5 minutes or more in total), then stretches for the loaded calves,
/// hamstrings and quadriceps. Parts with pain or a flag get neither; very sore parts get gentle, shorter pressure.</summary>
internal static class SessionSteps
{
    /// <summary>Minutes per stretched group. Our assumption, §7.2.</summary>
    public const int StretchMinutes = 2;

    public static List<RecommendationStep> Build(RecommendationContext context, DateOnly day, MuscleLoad loads, bool hardSoon, List<string> reasons)
    {
        double top = loads.Max;
        if (top <= 0)
        {
            return [];
        }

        var emphasis = context.Feedback.Emphasis;
        var groups = MuscleLoad.Groups
            .Select(g => (Group: g, Part: RecommendationContext.ToBodyPart(g), Load: loads[g]))
            .Where(x => x.Load >= MassageRules.IncludeShareOfTop * top || (emphasis.ContainsKey(x.Part) && x.Load > 0))
            .OrderByDescending(x => x.Load).ThenBy(x => x.Group)
            .ToList();
        var excluded = groups.Where(x => context.IsOffLimits(x.Part)).Select(x => SafetyRules.Name(x.Part)).ToList();
        groups.RemoveAll(x => context.IsOffLimits(x.Part));
        if (excluded.Count > 0)
        {
            reasons.Add(I($"No massage or stretching for your {string.Join(", ", excluded)}: you reported pain there."));
        }

        bool fewer = context.Feedback.AvoidsKind(RecommendationKind.Massage);
        if (fewer)
        {
            groups = groups.Take(1).ToList();
            reasons.Add(context.Feedback.KindReason(RecommendationKind.Massage));
        }

        if (groups.Count == 0)
        {
            return [];
        }

        int total = (int)Math.Clamp(Math.Round(MassageRules.MinTotalMinutes + (MassageRules.MinutesPerLoadUnit * groups.Sum(x => x.Load)), MidpointRounding.AwayFromZero),
            MassageRules.MinTotalMinutes, MassageRules.MaxTotalMinutes);
        groups = groups.Take(Math.Max(1, total / MassageRules.MinStepMinutes)).ToList();
        int[] minutes = MassageRules.Split(total, groups.Select(x => x.Load * (emphasis.ContainsKey(x.Part) ? FeedbackRules.EmphasisWeight : 1)).ToArray());
        reasons.Add(I($"Load by group: {string.Join(", ", groups.Select(x => I($"{SafetyRules.Name(x.Part)} {x.Load:0.0}")))}; {total} min of massage split by load, largest first."));

        bool veryMorning = MorningRules.VerySore(context, context.Today);
        var steps = new List<RecommendationStep>();
        for (int i = 0; i < groups.Count; i++)
        {
            var (group, part, _) = groups[i];
            int extra = 0;
            if (emphasis.TryGetValue(part, out int days))
            {
                extra = FeedbackRules.EmphasisExtraMinutes;
                reasons.Add(I($"You reported {SafetyRules.Name(part)} soreness on {days} of the last {FeedbackRules.RecurringWindowDays} days, so it gets extra time."));
            }

            bool gentle = veryMorning || context.Checkins.Any(c => c.BodyPart == part && c.Soreness >= SafetyRules.PersistentSoreness
                && c.Date >= context.Today.AddDays(-1) && c.Date <= context.Today);
            (string tool, string technique) = MassageTechnique.Choose(group, context, hardSoon, reasons);
            if (gentle)
            {
                technique = "Gently: light pressure and short passes of 20–30 s per spot, stop if it hurts. " + technique;
                reasons.Add(I($"Your {SafetyRules.Name(part)} is very sore (7/10 or more): lighter, shorter pressure {DayWords.On(day, context.Today)}."));
            }

            steps.Add(new RecommendationStep(StepAction.Massage, part, technique, tool, Math.Max(MassageRules.MinStepMinutes, minutes[i]) + extra));
        }

        if (!context.Feedback.AvoidsKind(RecommendationKind.Stretch))
        {
            var stretched = new[] { MuscleGroup.Calves, MuscleGroup.Hamstrings, MuscleGroup.Quadriceps }
                .Where(g => loads[g] >= MassageRules.IncludeShareOfTop * top)
                .OrderByDescending(g => loads[g]).ThenBy(g => g)
                .Select(RecommendationContext.ToBodyPart)
                .Where(p => !context.IsOffLimits(p))
                .ToList();
            foreach (var part in stretched)
            {
                steps.Add(new RecommendationStep(StepAction.Stretch, part, StretchTechnique(part), ToolName.Hands, StretchMinutes));
            }

            if (stretched.Count > 0)
            {
                reasons.Add("Stretching closes the session: it is for comfort and range of motion; it does not reduce next-day soreness.");
            }
        }

        return steps;
    }

    /// <summary>Stretching holds (issue 5). Evidence for soreness relief is absent (Dupuy 2018, research §2.8).</summary>
    public const string StretchHolds = "hold 10–20 s, 2–3 times per side; gentle tension, no bouncing, never into pain.";

    private static string StretchTechnique(BodyPart part) => part switch
    {
        BodyPart.Calves => "Calf stretch against a wall, back knee straight, heel down: " + StretchHolds,
        BodyPart.Hamstrings => "Hamstring stretch, heel on a low step, hinge forward with a straight back: " + StretchHolds,
        _ => "Standing quadriceps stretch, heel toward the buttock, knees together: " + StretchHolds,
    };

    /// <summary>"9-minute session: massage calves (hands, 3 min), quadriceps (foam roller, 2 min); then stretch calves, hamstrings (2 min each)."</summary>
    public static string Summary(IReadOnlyList<RecommendationStep> steps)
    {
        var massage = steps.Where(s => s.Action == StepAction.Massage).Select(s => I($"{SafetyRules.Name(s.BodyPart)} ({s.Tool}, {s.Minutes} min)"));
        var stretch = steps.Where(s => s.Action == StepAction.Stretch).Select(s => SafetyRules.Name(s.BodyPart)).ToList();
        string text = I($"{steps.Sum(s => s.Minutes)}-minute session: massage {string.Join(", ", massage)}");
        if (stretch.Count > 0)
        {
            text += I($"; then stretch {string.Join(", ", stretch)} ({StretchMinutes} min each)");
        }

        return text + ".";
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
