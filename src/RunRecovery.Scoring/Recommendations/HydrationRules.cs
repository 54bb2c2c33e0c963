using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Hydration advice after the ACSM position stand (Sawka 2007, research §2.8; docs/recovery-model.md §7.3).
/// We never say "drink as much as possible": over-drinking risks hyponatraemia.</summary>
public static class HydrationRules
{
    /// <summary>Rehydration advice after activities of 60 minutes or more ... Our assumption, §7.3.</summary>
    public static readonly TimeSpan LongActivity = TimeSpan.FromMinutes(60);

    /// <summary>... or at an average of 25 °C or more. Our assumption, §7.3.</summary>
    public const double HotCelsius = 25;

    /// <summary>Electrolytes after activities over 90 minutes (issue 5).</summary>
    public static readonly TimeSpan ElectrolyteActivity = TimeSpan.FromMinutes(90);

    /// <summary>Pre-drink 5–7 mL/kg at least 4 h before exercise; replace about 1.5 L per kg lost (ACSM, research §2.8).</summary>
    public const double PreDrinkLowMlPerKg = 5;

    public const double PreDrinkHighMlPerKg = 7;

    public const double LitresPerKgLost = 1.5;

    /// <summary>The rehydration advice stays in the queue until bedtime, and at least this long. Our assumption, §7.3.</summary>
    public static readonly TimeSpan RehydrationWindow = TimeSpan.FromHours(6);

    /// <summary>At most one hydration item per local day (issue 14): after activities of 60 minutes or more, or in the
    /// heat, one item that carries the rehydration, the electrolytes (over 90 minutes) and the daily baseline. Days
    /// without such an activity get none: "drink to thirst" needs no daily card (docs §7.3).</summary>
    public static IReadOnlyList<Recommendation> For(RecommendationContext context)
    {
        var profile = context.Profile;
        var byDay = context.Activities
            .Where(a => a.EndUtc <= context.AsOfUtc && a.EndUtc > context.AsOfUtc - TimeSpan.FromHours(48))
            .Where(a => a.MovingTime >= LongActivity || a.AvgTemperatureCelsius >= HotCelsius)
            .Select(a => (Activity: a, Due: LocalTime.IntoWakingHours(a.EndUtc, profile, context.Zone)))
            .GroupBy(x => LocalTime.Date(x.Due, context.Zone));
        var result = new List<Recommendation>();
        foreach (var day in byDay)
        {
            var items = day.OrderBy(x => x.Due).ToList();
            var reasons = items.Select(x => Reason(x.Activity)).ToList();
            bool electrolytes = items.Any(x => x.Activity.MovingTime > ElectrolyteActivity);
            string technique = I($"Weigh yourself before and after runs like this; over the next hours drink about {LitresPerKgLost:0.0} L for every kg lost, with some salty food. Do not drink more than you lost.");
            if (electrolytes)
            {
                technique += " Take sodium with your fluids: an electrolyte drink or a salty snack.";
                reasons.Add(I($"Over {ElectrolyteActivity.TotalMinutes:0} min: sweat sodium losses add up."));
            }

            technique += " Otherwise drink regularly and to thirst; pale-yellow urine is a simple check.";
            if (profile.WeightKg is { } kg && kg > 0)
            {
                technique += I($" About 4 h before your next run, drink {PreDrinkLowMlPerKg * kg:0}–{PreDrinkHighMlPerKg * kg:0} mL ({PreDrinkLowMlPerKg:0}–{PreDrinkHighMlPerKg:0} mL/kg).");
            }

            DateTimeOffset due = items[0].Due;
            DateTimeOffset bed = LocalTime.BedTimeOf(day.Key, profile, context.Zone);
            result.Add(new Recommendation
            {
                Id = I($"hydration:{day.Key:yyyy-MM-dd}"),
                Kind = RecommendationKind.Hydration,
                Tool = electrolytes ? ToolName.Electrolytes : null,
                Technique = technique,
                DueUtc = due,
                ExpiresUtc = bed > due + RehydrationWindow ? bed : due + RehydrationWindow,
                Priority = electrolytes ? 56 : 55,
                Reasons = reasons,
                Sources = [Sources.Sawka2007],
                ActivityId = items[0].Activity.Id,
                ActivityIds = [.. items.Select(x => x.Activity.Id)],
                Day = day.Key,
                Trigger = RecommendationTrigger.Run,
            });
        }

        return result;
    }

    private static string Reason(Load.ActivityLoad activity)
    {
        string text = I($"{activity.MovingTime.TotalMinutes:0} min of {activity.Sport.ToString().ToLowerInvariant()}");
        if (activity.AvgTemperatureCelsius is { } t)
        {
            text += I($" at an average of {t:0} °C");
        }

        return text + ".";
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
