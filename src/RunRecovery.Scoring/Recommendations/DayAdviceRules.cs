using System.Globalization;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recovery;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Rest, easy or quality advice for the next two days ahead (docs/recovery-model.md §7.4).
/// At most one piece of day advice per day, so rest and intensity can never meet on the same day.</summary>
public static class DayAdviceRules
{
    /// <summary>Remaining recovery at wake-up that calls for a rest day / an easy day. Our assumption, §7.4.</summary>
    public const double RestRecoveryHours = 36;

    public const double EasyRecoveryHours = 12;

    /// <summary>Quality is only suggested while form is above −10 % of chronic load. Our assumption, §7.4.</summary>
    public const double QualityMinRelativeForm = -0.1;

    /// <summary>Length of the suggested easy session. Our assumption, §7.4.</summary>
    public const int EasyMinutes = 40;

    public static IReadOnlyList<Recommendation> For(RecommendationContext context)
    {
        var result = new List<Recommendation>();
        DayLoad state = context.Days.Count > 0
            ? context.Days[^1]
            : new DayLoad(context.Today, 0, LoadSeries.SeedDailyLoad(context.Profile.WeeklyDistanceKm),
                LoadSeries.SeedDailyLoad(context.Profile.WeeklyDistanceKm), null, 0, 0, 0);
        Span<double> lastSix = stackalloc double[6];
        for (int k = 0; k < 6; k++)
        {
            int j = context.Days.Count - 6 + k;
            lastSix[k] = j >= 0 ? context.Days[j].Load : 0;
        }

        // Before wake-up (a plan made at night) the day ahead is today; otherwise tomorrow.
        DateOnly firstDay = LocalTime.TimeOfDay(context.AsOfUtc, context.Zone) < context.Profile.WakeTime
            ? context.Today
            : context.Today.AddDays(1);
        bool previousWasQuality = false;
        for (int offset = 0; offset < 2; offset++)
        {
            // State at the end of the day before the advised day, assuming no more training until then.
            DateOnly day = firstDay.AddDays(offset);
            while (state.Date < day.AddDays(-1))
            {
                var next = LoadSeries.RestDayAfter(state, lastSix);
                lastSix[1..].CopyTo(lastSix);
                lastSix[5] = 0;
                state = next;
            }

            var advice = Advise(context, day, state, previousWasQuality);
            if (advice is not null)
            {
                result.Add(advice);
            }

            previousWasQuality = advice?.Kind == RecommendationKind.Quality;
        }

        return result;
    }

    private static Recommendation? Advise(RecommendationContext context, DateOnly day, DayLoad state, bool previousWasQuality)
    {
        var profile = context.Profile;
        DateTimeOffset due = LocalTime.WakeTimeOf(day, profile, context.Zone);
        DateTimeOffset expires = LocalTime.BedTimeOf(day, profile, context.Zone);
        double remaining = ReadinessModel.RemainingRecoveryHours(context.Activities.ToArray(), due);
        Readiness readiness = ReadinessModel.Classify(state, remaining);
        double? ratio = state.Ratio;
        double? relativeForm = ReadinessModel.RelativeForm(state);
        var sore = SafetyRules.HighestRecent(context.Checkins, context.Today);
        var flaggedRunning = SafetyRules.RunningParts.Where(context.IsFlagged).ToList();

        string id = string.Create(CultureInfo.InvariantCulture, $"{{0}}:{day:yyyy-MM-dd}");
        var figures = new List<string>
        {
            I($"Recovery time left at {LocalTime.TimeOfDay(due, context.Zone):HH:mm} on {day:yyyy-MM-dd}: {remaining:0} h."),
            I($"Acute load {state.Acute:0.0}, chronic load {state.Chronic:0.0}, ratio {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "n/a (too little history)")}, form {state.Form:0.0}."),
            I($"Readiness: {readiness.ToString().ToLowerInvariant()}."),
        };

        if (flaggedRunning.Count > 0)
        {
            string parts = string.Join(", ", flaggedRunning.Select(SafetyRules.Name));
            return Make(RecommendationKind.Rest, flaggedRunning, I($"No running that loads your {parts} until a physiotherapist or doctor has looked at it."),
                0, due, expires, 90, [I($"Persistent soreness or pain reported in: {parts}."), .. figures], [Sources.RecoveryModel]);
        }

        if ((ratio ?? 0) >= ReadinessModel.VeryHighRatio || remaining >= RestRecoveryHours || readiness == Readiness.Overreaching)
        {
            var reasons = new List<string>(figures);
            if ((ratio ?? 0) >= ReadinessModel.VeryHighRatio)
            {
                reasons.Insert(0, I($"Your last 7 days are {ratio:0.00}× your longer-term load (we act at {ReadinessModel.VeryHighRatio:0.0}); this ratio is a rough spike signal, not an injury predictor."));
            }

            return Make(RecommendationKind.Rest, [], "Rest day: no running. Easy walking is fine.", 0, due, expires, 85, reasons,
                [Sources.Coggan, Sources.Gabbett2016, Sources.Impellizzeri2021]);
        }

        bool easyForSoreness = sore is not null;
        var flaggedOther = context.Flagged.Keys.Where(p => !SafetyRules.RunningParts.Contains(p)).ToList();
        if ((ratio ?? 0) >= ReadinessModel.HighRatio || remaining >= EasyRecoveryHours
            || relativeForm <= ReadinessModel.LowRelativeForm || easyForSoreness || flaggedOther.Count > 0)
        {
            var reasons = new List<string>(figures);
            if (flaggedOther.Count > 0)
            {
                reasons.Insert(0, I($"Persistent soreness or pain reported in: {string.Join(", ", flaggedOther.Select(SafetyRules.Name))}; no hard sessions until it has been looked at."));
            }

            if (sore is not null)
            {
                reasons.Insert(0, I($"You reported {SafetyRules.Name(sore.BodyPart)} soreness {sore.Soreness}/10 on {sore.Date:yyyy-MM-dd}: no hard sessions while soreness is {SafetyRules.HighSoreness}/10 or more."));
            }

            return Make(RecommendationKind.Easy, [], I($"Easy day: at most {EasyMinutes} min at a conversational pace, or cross-training; no intervals."),
                EasyMinutes, due, expires, 70, reasons, [Sources.Cheung2003, Sources.Gabbett2016, Sources.Impellizzeri2021]);
        }

        bool qualityOk = remaining <= 0 && readiness is Readiness.Fresh or Readiness.Normal
            && (relativeForm is null || relativeForm >= QualityMinRelativeForm) && !previousWasQuality;
        if (qualityOk)
        {
            return Make(RecommendationKind.Quality, [], "A quality session (tempo or intervals) fits today if you feel good.", 0, due, expires, 40,
                figures, [Sources.Coggan]);
        }

        return null;

        Recommendation Make(string kind, IReadOnlyList<BodyPart> parts, string technique, int minutes, DateTimeOffset dueUtc,
            DateTimeOffset expiresUtc, int priority, IReadOnlyList<string> reasons, IReadOnlyList<string> sources) => new()
            {
                Id = string.Format(CultureInfo.InvariantCulture, id, kind),
                Kind = kind,
                BodyParts = parts,
                Technique = technique,
                DurationMinutes = minutes,
                DueUtc = dueUtc,
                ExpiresUtc = expiresUtc,
                Priority = priority,
                Reasons = reasons,
                Sources = sources,
                Day = day,
            };
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
