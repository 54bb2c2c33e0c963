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

    /// <summary>How long the rehydration advice stays in the queue. Our assumption, §7.3.</summary>
    public static readonly TimeSpan RehydrationWindow = TimeSpan.FromHours(6);

    public static IReadOnlyList<Recommendation> For(RecommendationContext context)
    {
        var result = new List<Recommendation>();
        var profile = context.Profile;
        foreach (var activity in context.Activities)
        {
            if (activity.EndUtc > context.AsOfUtc || activity.EndUtc <= context.AsOfUtc - RehydrationWindow)
            {
                continue;
            }

            bool hot = activity.AvgTemperatureCelsius >= HotCelsius;
            if (activity.MovingTime < LongActivity && !hot)
            {
                continue;
            }

            DateTimeOffset due = LocalTime.IntoWakingHours(activity.EndUtc, profile, context.Zone);
            var reasons = new List<string> { I($"{activity.MovingTime.TotalMinutes:0} min of {activity.Sport.ToString().ToLowerInvariant()}") };
            if (activity.AvgTemperatureCelsius is { } t)
            {
                reasons[0] += I($" at an average of {t:0} °C");
            }

            reasons[0] += ".";
            result.Add(new Recommendation
            {
                Id = I($"hydration:rehydrate:{activity.Id}"),
                Kind = RecommendationKind.Hydration,
                Technique = I($"Weigh yourself before and after runs like this; over the next hours drink about {LitresPerKgLost:0.0} L for every kg lost, with some salty food. Do not drink more than you lost."),
                DurationMinutes = 0,
                DueUtc = due,
                ExpiresUtc = due + RehydrationWindow,
                Priority = 55,
                Reasons = reasons,
                Sources = [Sources.Sawka2007],
                ActivityId = activity.Id,
            });

            if (activity.MovingTime > ElectrolyteActivity)
            {
                result.Add(new Recommendation
                {
                    Id = I($"hydration:electrolytes:{activity.Id}"),
                    Kind = RecommendationKind.Hydration,
                    Tool = ToolName.Electrolytes,
                    Technique = "Take sodium with your fluids: an electrolyte drink or a salty snack.",
                    DurationMinutes = 0,
                    DueUtc = due,
                    ExpiresUtc = due + RehydrationWindow,
                    Priority = 56,
                    Reasons = [I($"{activity.MovingTime.TotalMinutes:0} min is over {ElectrolyteActivity.TotalMinutes:0} min: sweat sodium losses add up.")],
                    Sources = [Sources.Sawka2007],
                    ActivityId = activity.Id,
                });
            }
        }

        if (!context.Feedback.AvoidsKind(RecommendationKind.Hydration))
        {
            DateTimeOffset due = LocalTime.IntoWakingHours(context.AsOfUtc, profile, context.Zone);
            DateOnly day = LocalTime.Date(due, context.Zone);
            string technique = "Drink regularly through the day and to thirst; pale-yellow urine is a simple check.";
            if (profile.WeightKg is { } kg && kg > 0)
            {
                technique += I($" About 4 h before your next run, drink {PreDrinkLowMlPerKg * kg:0}–{PreDrinkHighMlPerKg * kg:0} mL ({PreDrinkLowMlPerKg:0}–{PreDrinkHighMlPerKg:0} mL/kg).");
            }

            result.Add(new Recommendation
            {
                Id = I($"hydration:baseline:{day:yyyy-MM-dd}"),
                Kind = RecommendationKind.Hydration,
                Technique = technique,
                DueUtc = due,
                ExpiresUtc = LocalTime.BedTimeOf(day, profile, context.Zone),
                Priority = 20,
                Reasons = ["Daily baseline: start runs well hydrated and keep body-mass loss during exercise under 2 %."],
                Sources = [Sources.Sawka2007],
                Day = day,
            });
        }

        return result;
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
