using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>One massage session before it becomes a recommendation: the runs it covers, the load per group, when.</summary>
internal sealed record MassageSession(
    string Id, DateOnly Date, bool IsFollowUp, IReadOnlyList<ActivityLoad> Runs, MuscleLoad Loads,
    DateTimeOffset Due, DateTimeOffset Expires, IReadOnlyList<string> Why)
{
    /// <summary>After the runs of one day that the runner has not yet acted on; due 30 min after the last.</summary>
    public static MassageSession After(RecommendationContext context, IReadOnlyList<ActivityLoad> runs)
    {
        var loads = runs.Aggregate(MuscleLoad.Zero, (sum, a) => sum + a.MuscleLoad);
        DateTimeOffset due = MassageRules.PostRunDue(runs[^1].EndUtc, context);
        DateOnly date = LocalTime.Date(runs[^1].EndUtc, context.Zone);
        var why = runs.Select(a => I($"{a.Sport.ToString().ToLowerInvariant()} of {a.MovingTime.TotalMinutes:0} min, {a.DistanceMeters / 1000:0.0} km, {a.DescentMeters:0} m descent, ended {a.EndUtc:yyyy-MM-dd HH:mm} UTC.")).ToList();
        return new MassageSession(I($"massage:post:{runs[0].Id}"), date, false, runs, loads, due, ExpiresAfter(due, context), why);
    }

    /// <summary>The day after unusual runs, at the massage window's start (18:00 by default), for the groups they loaded.</summary>
    public static MassageSession FollowUp(RecommendationContext context, DateOnly date, IReadOnlyList<ActivityLoad> runs)
    {
        var loads = MuscleLoad.Zero;
        var why = new List<string>();
        string when = DayWords.On(date, context.Today);
        foreach (var a in runs)
        {
            bool descent = a.DescentMeters >= MassageRules.BigDescentMeters || a.EccentricLoad.Quadriceps >= MassageRules.BigEccentricLoad;
            loads = MuscleLoad.Greatest(loads, descent && a.MovingTime < MassageRules.LongRunForFollowUp
                ? a.EccentricLoad.Map((g, e) => e * (1 - a.Protection[g]) * a.Novelty[g])
                : a.MuscleLoad);
            why.Add(descent
                ? I($"{a.DescentMeters:0} m of descent on {a.LocalDate:yyyy-MM-dd}: soreness after downhill running peaks 24–72 h later, so a second session helps {when}.")
                : I($"Your {a.MovingTime.TotalMinutes:0}-minute run on {a.LocalDate:yyyy-MM-dd} was long or new for you: soreness after unaccustomed running peaks 24–72 h later, so a second session helps {when}."));
        }

        TimeOnly at = context.Profile.MassageWindow?.Start ?? new TimeOnly(18, 0);
        DateTimeOffset due = LocalTime.IntoWakingHours(LocalTime.ToUtc(date, at, context.Zone), context.Profile, context.Zone);
        return new MassageSession(I($"massage:follow-up:{date:yyyy-MM-dd}"), date, true, runs, loads, due, ExpiresAfter(due, context), why);
    }

    /// <summary>This day's post-run session also does what the follow-up would have done.</summary>
    public MassageSession Absorb(MassageSession followUp) =>
        this with { Loads = MuscleLoad.Greatest(Loads, followUp.Loads), Why = [.. Why, .. followUp.Why] };

    public Recommendation? ToRecommendation(RecommendationContext context, IReadOnlyList<DateTimeOffset> hardSessionsUtc)
    {
        bool hardSoon = hardSessionsUtc.Any(h => h >= Due && h - Due <= MassageRules.NoGunBeforeHardSession);
        var reasons = new List<string>(Why);
        var steps = SessionSteps.Build(context, LocalTime.Date(Due, context.Zone), Loads, hardSoon, reasons);
        if (steps.Count == 0)
        {
            return null;
        }

        var sources = new List<string> { Sources.Guo2017 };
        sources.AddRange(steps.Select(s => s.Tool).Distinct().Select(t => t switch
        {
            ToolName.FoamRoller => Sources.Wiewelhove2019,
            ToolName.MassageGun => Sources.Ferreira2023,
            _ => Sources.Dupuy2018,
        }));
        if (steps.Any(s => s.Action == StepAction.Stretch))
        {
            sources.Add(Sources.Dupuy2018);
        }

        int total = steps.Sum(s => s.Minutes);
        return new Recommendation
        {
            Id = Id,
            Kind = RecommendationKind.Massage,
            BodyParts = [.. steps.Select(s => s.BodyPart).Distinct()],
            Technique = SessionSteps.Summary(steps),
            Tool = steps[0].Tool,
            DurationMinutes = total,
            DueUtc = Due,
            ExpiresUtc = Expires,
            Priority = IsFollowUp ? 58 : 60,
            Reasons = [.. reasons.Distinct()],
            Sources = [.. sources.Distinct()],
            ActivityId = Runs[0].Id,
            ActivityIds = [.. Runs.Select(a => a.Id)],
            Steps = steps,
            Trigger = IsFollowUp ? RecommendationTrigger.FollowUp : RecommendationTrigger.Run,
        };
    }

    private static DateTimeOffset ExpiresAfter(DateTimeOffset due, RecommendationContext context)
    {
        DateTimeOffset bed = LocalTime.BedTimeOf(LocalTime.Date(due, context.Zone), context.Profile, context.Zone);
        DateTimeOffset window = due + MassageRules.PostRunWindow;
        return bed > window ? bed : window;
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
