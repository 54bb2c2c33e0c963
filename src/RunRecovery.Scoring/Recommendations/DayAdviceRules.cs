using System.Globalization;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recovery;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Rest, easy or quality advice for the rest of today and for tomorrow (docs/recovery-model.md §7.4).
/// At most one piece of day advice per day, so rest and intensity can never meet on the same day. Today's advice reads
/// only what was known at today's wake-up plus today's check-ins, so re-planning during the day keeps it.</summary>
public static class DayAdviceRules
{
    /// <summary>Remaining recovery at wake-up that calls for a rest day / an easy day. Our assumption, §7.4.</summary>
    public const double RestRecoveryHours = 36;

    public const double EasyRecoveryHours = 12;

    /// <summary>Quality is only suggested while the ratio is at most 1.1 (form above −10 % of chronic load). Ours, §7.4.</summary>
    public const double QualityMaxRatio = 1.1;

    /// <summary>A run whose load in some muscle group is at least 2.5× that group's biggest bout of the previous six
    /// weeks (§3.4) calls for rest the next day: "the least accustomed suffer most" (Bontemps 2020), and soreness peaks
    /// 24–72 h later. Not a ratio, so it applies while the baseline is being built. Our assumption, §7.4.</summary>
    public const double UnaccustomedLoadToNorm = 2.5;

    /// <summary>Length of the suggested easy session. Our assumption, §7.4.</summary>
    public const int EasyMinutes = 40;

    public static IReadOnlyList<Recommendation> For(RecommendationContext context)
    {
        var result = new List<Recommendation>();
        DateOnly today = context.Today;
        DateTimeOffset wake = LocalTime.WakeTimeOf(today, context.Profile, context.Zone);
        DateTimeOffset knownToday = wake < context.AsOfUtc ? wake : context.AsOfUtc;
        var todayAdvice = Advise(context, today, StateAtEndOf(context, today.AddDays(-1)), knownToday, false);
        if (todayAdvice is not null)
        {
            result.Add(todayAdvice);
        }

        var tomorrow = Advise(context, today.AddDays(1), StateAtEndOf(context, today), context.AsOfUtc, todayAdvice?.Kind == RecommendationKind.Quality);
        if (tomorrow is not null)
        {
            result.Add(tomorrow);
        }

        return result;
    }

    /// <summary>The series at the end of <paramref name="day"/> (projected with rest days when the series ends earlier;
    /// the seed when the history starts later).</summary>
    private static DayLoad StateAtEndOf(RecommendationContext context, DateOnly day)
    {
        var days = context.Days;
        if (days.Count == 0 || days[0].Date > day)
        {
            double seed = context.SeedDailyLoad;
            return new DayLoad(day, 0, seed, seed, null, 0, 0, 0);
        }

        int index = Math.Min(days.Count - 1, day.DayNumber - days[0].Date.DayNumber);
        return days[index];
    }

    /// <param name="knownBeforeUtc">Activities starting later are not used (today's advice: today's wake-up).</param>
    private static Recommendation? Advise(RecommendationContext context, DateOnly day, DayLoad state, DateTimeOffset knownBeforeUtc, bool previousWasQuality)
    {
        var profile = context.Profile;
        DateTimeOffset due = LocalTime.WakeTimeOf(day, profile, context.Zone);
        DateTimeOffset expires = LocalTime.BedTimeOf(day, profile, context.Zone);
        var known = context.Activities.Where(a => a.StartUtc < knownBeforeUtc).ToArray();
        double remaining = ReadinessModel.RemainingRecoveryHours(known, due);
        Readiness readiness = ReadinessModel.Classify(state, remaining);
        double? spike = ReadinessModel.SpikeRatio(state);
        var flaggedRunning = SafetyRules.RunningParts.Where(context.IsFlagged).ToList();
        DateOnly lastDay = day.AddDays(-1);

        var figures = new List<string> { I($"Recovery time left at {LocalTime.TimeOfDay(due, context.Zone):HH:mm} on {day:yyyy-MM-dd}: {remaining:0} h.") };
        if (state.BuildingBaseline)
        {
            figures.Add(I($"Building your baseline: {state.HistoryDays} of {LoadSeries.BaselineDays} days of history so far, so we show no load ratio yet and base no advice on one."));
        }
        else
        {
            figures.Add(TrainingWeek.Volume(context, lastDay, knownBeforeUtc));
            figures.Add(I($"Training load: {state.WeekRatio ?? 0:0.00}× your four-week average; acute:chronic ratio {(state.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")} (a rough spike signal, not an injury predictor). Readiness: {readiness.ToString().ToLowerInvariant()}."));
        }

        string id = I($"{{0}}:{day:yyyy-MM-dd}");
        Recommendation Make(string kind, string technique, int minutes, int priority, string trigger, IEnumerable<string> why, IReadOnlyList<string> sources) => new()
        {
            Id = string.Format(CultureInfo.InvariantCulture, id, kind),
            Kind = kind,
            Technique = technique,
            DurationMinutes = minutes,
            DueUtc = due,
            ExpiresUtc = expires,
            Priority = priority,
            Reasons = [.. why, .. figures],
            Sources = sources,
            Day = day,
            Trigger = trigger,
        };

        if (flaggedRunning.Count > 0)
        {
            string parts = string.Join(", ", flaggedRunning.Select(SafetyRules.Name));
            return Make(RecommendationKind.Rest, I($"No running that loads your {parts} until a physiotherapist or doctor has looked at it."), 0, 90,
                RecommendationTrigger.Pain, [I($"Pain or persistent soreness reported in: {parts}.")], [Sources.RecoveryModel]);
        }

        var verySore = SafetyRules.HighestRecent(context.Checkins, context.Today, SafetyRules.PersistentSoreness);
        bool veryMorning = day == context.Today && MorningRules.VerySore(context, day);
        if (verySore is not null || veryMorning)
        {
            string what = verySore is not null
                ? I($"You reported {SafetyRules.Name(verySore.BodyPart)} soreness of {verySore.Soreness}/10 on {verySore.Date:yyyy-MM-dd}.")
                : I($"Your morning check-in: overall soreness {MorningRules.On(context, day)!.OverallSoreness}/10."); // veryMorning implies a check-in
            return Make(RecommendationKind.Rest, I($"Rest from running {DayWords.On(day, context.Today)}; easy walking and gentle movement are fine. Soreness this high usually eases within a few days."),
                0, 88, RecommendationTrigger.Soreness, [what, "Running hard on very sore muscles risks injury: soreness lowers range of motion and shock absorption."], [Sources.Cheung2003]);
        }

        if (spike >= ReadinessModel.VeryHighRatio)
        {
            return Make(RecommendationKind.Rest, "Rest day: no running. Easy walking is fine.", 0, 85, RecommendationTrigger.LoadSpike,
                [I($"Your last week is well above your usual: we suggest rest at a ratio of {ReadinessModel.VeryHighRatio:0.0} when the week is also at least {ReadinessModel.CorroboratingWeekRatio:0.0}× your four-week average.")],
                [Sources.Gabbett2016, Sources.Impellizzeri2021]);
        }

        // After a day with a run only: the 7-day sum does not fade on rest days, and the rest already taken counts.
        if (!state.BuildingBaseline && TrainingWeek.On(context, lastDay, knownBeforeUtc).Any(a => a.LoadsRunningMuscles)
            && TrainingWeek.DistanceProgression(context, lastDay, knownBeforeUtc) is { } progression
            && progression.WeekKm >= TrainingWeek.DistanceSpikeToUsual * progression.UsualKm)
        {
            return Make(RecommendationKind.Rest, "Rest day: no running. Easy walking is fine.", 0, 85, RecommendationTrigger.DistanceSpike,
                [I($"You ran {progression.WeekKm:0.0} km in the 7 days to {lastDay:yyyy-MM-dd}, {progression.WeekKm / progression.UsualKm:0.0}× your average week of the three before ({progression.UsualKm:0.0} km); we suggest rest from {TrainingWeek.DistanceSpikeToUsual:0}×, however easy the pace: sudden jumps in weekly distance are linked to overuse injuries in runners.")],
                [Sources.Nielsen2014]);
        }

        var unaccustomed = context.Activities
            .Where(a => a.LocalDate == lastDay && a.StartUtc < knownBeforeUtc && a.LoadsRunningMuscles && a.LoadToNorm >= UnaccustomedLoadToNorm)
            .OrderByDescending(a => a.LoadToNorm).FirstOrDefault();
        if (unaccustomed is not null)
        {
            return Make(RecommendationKind.Rest, "Rest day: no running. Easy walking is fine.", 0, 85, RecommendationTrigger.Unaccustomed,
                [I($"Your {unaccustomed.DistanceMeters / 1000:0.0} km on {lastDay:yyyy-MM-dd} loaded your muscles {unaccustomed.LoadToNorm:0.0}× more than your biggest run of the previous six weeks (we suggest rest from {UnaccustomedLoadToNorm:0.0}×): soreness after unaccustomed running peaks 24–72 h later.")],
                [Sources.Bontemps2020, Sources.Cheung2003]);
        }

        if (remaining >= RestRecoveryHours)
        {
            return Make(RecommendationKind.Rest, "Rest day: no running. Easy walking is fine.", 0, 85, RecommendationTrigger.RecoveryTime,
                [I($"At wake-up your recent runs still need about {remaining:0} hours of recovery (we suggest rest from {RestRecoveryHours:0} h).")], [Sources.Coggan]);
        }

        var easyReasons = new List<string>();
        string trigger = RecommendationTrigger.RecoveryTime;
        if (spike >= ReadinessModel.HighRatio)
        {
            easyReasons.Add(I($"Your last week is above your usual (ratio {spike:0.00}, we keep it easy from {ReadinessModel.HighRatio:0.0})."));
            trigger = RecommendationTrigger.LoadSpike;
        }

        if (remaining >= EasyRecoveryHours)
        {
            easyReasons.Add(I($"About {remaining:0} h of recovery left at wake-up (easy from {EasyRecoveryHours:0} h)."));
            trigger = RecommendationTrigger.RecoveryTime;
        }

        var sore = SafetyRules.HighestRecent(context.Checkins, context.Today);
        if (sore is not null)
        {
            easyReasons.Insert(0, I($"You reported {SafetyRules.Name(sore.BodyPart)} soreness {sore.Soreness}/10 on {sore.Date:yyyy-MM-dd}: no hard sessions while soreness is {SafetyRules.HighSoreness}/10 or more."));
            trigger = RecommendationTrigger.Soreness;
        }

        var otherOff = context.Flagged.Keys.Where(p => !SafetyRules.RunningParts.Contains(p)).Concat(context.Safety.Painful).Distinct().ToList();
        if (otherOff.Count > 0)
        {
            easyReasons.Insert(0, I($"Pain reported in: {string.Join(", ", otherOff.Select(SafetyRules.Name))}; no hard sessions, and stop if it hurts."));
            trigger = RecommendationTrigger.Pain;
        }

        if (day == context.Today && MorningRules.EasyReasons(context, day) is { Count: > 0 } morning)
        {
            easyReasons.InsertRange(0, morning);
            trigger = RecommendationTrigger.MorningCheckin;
        }

        if (easyReasons.Count > 0)
        {
            return Make(RecommendationKind.Easy, I($"Easy day: at most {EasyMinutes} min at a conversational pace, or cross-training; no intervals."),
                EasyMinutes, 70, trigger, easyReasons, [Sources.Cheung2003, Sources.Gabbett2016, Sources.Impellizzeri2021]);
        }

        if (QualityFits(context, day, state, remaining, readiness, knownBeforeUtc, previousWasQuality) is { } why)
        {
            return Make(RecommendationKind.Quality, I($"A quality session (tempo or intervals) fits {DayWords.On(day, context.Today)} if you feel good."), 0, 40,
                RecommendationTrigger.Schedule, [why], [Sources.Coggan, Sources.Seiler2010]);
        }

        return null;
    }

    /// <summary>Why a quality session fits <paramref name="day"/>, or null: not for beginners or before 4 weeks of
    /// history; fully recovered; ratio ≤ 1.1; no soreness ≥ 5, pain or morning warning; on one of the week's two quality
    /// days; not after a hard or long run; at most two hard days in any 7.</summary>
    private static string? QualityFits(RecommendationContext context, DateOnly day, DayLoad state, double remaining,
        Readiness readiness, DateTimeOffset knownBeforeUtc, bool previousWasQuality)
    {
        if (context.Profile.Experience == ExperienceLevel.Beginner || state.BuildingBaseline || remaining > 0
            || readiness is not (Readiness.Fresh or Readiness.Normal) || state.Ratio > QualityMaxRatio || previousWasQuality
            || context.Flagged.Count > 0 || context.Safety.Painful.Count > 0
            || !TrainingWeek.IsQualitySlot(context, day)
            || TrainingWeek.HardOrLongOn(context, day.AddDays(-1), knownBeforeUtc)
            || TrainingWeek.HardDaysBefore(context, day) >= 2)
        {
            return null;
        }

        var longDay = TrainingWeek.LongRunDay(context, day);
        return I($"One of your two quality days this week: two and four days after your usual long-run day ({longDay}), with no hard or long run the day before and nothing left to recover.");
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
