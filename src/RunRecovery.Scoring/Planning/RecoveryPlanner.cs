using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recommendations;
using RunRecovery.Scoring.Recovery;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// The entry point: loads, daily series and recommendation queue as of one instant (docs/recovery-model.md §10).
/// Keep a <see cref="LoadHistory"/> and call <see cref="LoadHistory.With"/> for each new activity to avoid
/// rescoring the whole history; <see cref="Plan(LoadHistory, IReadOnlyList{SorenessCheckin}, IReadOnlyList{RecommendationFeedback}, DateTimeOffset, int)"/>
/// then only reads the recent window.
/// </summary>
public static class RecoveryPlanner
{
    /// <summary>Days of series shown by default (the chronic time constant).</summary>
    public const int DefaultDays = 42;

    /// <summary>
    /// The furthest before the planning instant a plan of <see cref="DefaultDays"/> reads an activity: readiness on the
    /// first shown day looks back <see cref="RecoveryTime.MaxHours"/> + 2 days from its end (about 41 + 6 days), the
    /// queue <see cref="RecentWindow"/> (37 days); 56 days leaves a margin for time zones and summer time. A planning
    /// view (<see cref="KeptLoadHistory"/>) keeps the activities after this.
    /// </summary>
    public static readonly TimeSpan ActivityLookback = TimeSpan.FromDays(DefaultDays + 14);

    public static RecoveryPlan Plan(
        RunnerProfile profile,
        IEnumerable<ActivityLoadInput> activities,
        IReadOnlyList<SorenessCheckin> checkins,
        IReadOnlyList<RecommendationFeedback> feedback,
        DateTimeOffset asOfUtc,
        int dayCount = DefaultDays) =>
        Plan(LoadHistory.Build(profile, activities), checkins, feedback, asOfUtc, dayCount);

    public static RecoveryPlan Plan(
        LoadHistory history,
        IReadOnlyList<SorenessCheckin> checkins,
        IReadOnlyList<RecommendationFeedback> feedback,
        DateTimeOffset asOfUtc,
        int dayCount = DefaultDays)
    {
        ArgumentNullException.ThrowIfNull(checkins);
        ArgumentNullException.ThrowIfNull(feedback);
        return Plan(history, new RunnerReports { Checkins = checkins, Feedback = feedback }, asOfUtc, dayCount);
    }

    public static RecoveryPlan Plan(RunnerProfile profile, IEnumerable<ActivityLoadInput> activities, RunnerReports reports,
        DateTimeOffset asOfUtc, int dayCount = DefaultDays) =>
        Plan(LoadHistory.Build(profile, activities), reports, asOfUtc, dayCount);

    public static RecoveryPlan Plan(LoadHistory history, RunnerReports reports, DateTimeOffset asOfUtc, int dayCount = DefaultDays)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(reports);
        if (history.IsPlanningView && dayCount > DefaultDays)
        {
            throw new ArgumentOutOfRangeException(nameof(dayCount), dayCount, "A planning view keeps the activities of the default days only.");
        }

        var checkins = reports.Checkins;
        var feedback = reports.Feedback;
        var known = history.Until(asOfUtc);
        var zone = known.Zone;
        DateOnly today = LocalTime.Date(asOfUtc, zone);
        DayLoad[] series = SeriesThrough(known, today, Math.Max(dayCount, LoadSeries.BaselineDays) + 7);
        var activities = known.ActivitySpan;

        // The queue only looks back a few days (recovery ≤ 96 h, massage 48 h): hand it the recent activities only.
        int recentFrom = activities.Length;
        DateTimeOffset recentHorizon = asOfUtc - RecentWindow;
        while (recentFrom > 0 && activities[recentFrom - 1].StartUtc >= recentHorizon)
        {
            recentFrom--;
        }

        int first = Math.Max(0, series.Length - dayCount);
        // Readiness per shown day needs the activities up to that day only (recovery ≤ 96 h).
        var days = new PlanDay[series.Length - first];
        for (int i = first; i < series.Length; i++)
        {
            DateOnly date = series[i].Date;
            DateTimeOffset at = date == today ? asOfUtc : LocalTime.ToUtc(date.AddDays(1), TimeOnly.MinValue, zone);
            double remaining = ReadinessModel.RemainingRecoveryHours(activities, at);
            days[i - first] = new PlanDay(series[i], ReadinessModel.Classify(series[i], remaining), remaining);
        }

        var safety = SafetyRules.State(checkins, today);
        var context = new RecommendationContext
        {
            Profile = known.Profile,
            Zone = zone,
            AsOfUtc = asOfUtc,
            Today = today,
            Activities = activities[recentFrom..].ToArray(),
            Days = series,
            SeedDailyLoad = known.SeedDailyLoad,
            Checkins = checkins,
            Mornings = reports.Mornings,
            FeedbackEntries = feedback,
            Safety = safety,
            Flagged = new SortedDictionary<BodyPart, IReadOnlyList<string>>(safety.Flags.ToDictionary(f => f.Key, f => f.Value.Reasons)),
            Feedback = FeedbackRules.From(feedback, checkins, asOfUtc, today),
        };

        return new RecoveryPlan(asOfUtc, known.Activities, days, RecommendationEngine.Recommend(context));
    }

    /// <summary>Activities older than this cannot affect the queue: four weeks of volume and long-run days before the
    /// Monday of tomorrow's week (28 + 7 days), plus a day.</summary>
    private static readonly TimeSpan RecentWindow = TimeSpan.FromDays(37);

    /// <summary>The last <paramref name="keep"/> days of the history's series, extended with rest days up to
    /// <paramref name="today"/>.</summary>
    private static DayLoad[] SeriesThrough(LoadHistory history, DateOnly today, int keep)
    {
        var days = history.DaySpan;
        days = days[Math.Max(0, days.Length - keep)..];
        if (days.Length == 0 || days[^1].Date >= today)
        {
            return days.ToArray();
        }

        int extra = today.DayNumber - days[^1].Date.DayNumber;
        var result = new DayLoad[days.Length + extra];
        days.CopyTo(result);
        for (int i = days.Length; i < result.Length; i++)
        {
            result[i] = new DayLoad(result[i - 1].Date.AddDays(1), 0, 0, 0, null, 0, 0, 0);
        }

        LoadSeries.Fill(result, days.Length, history.SeedDailyLoad);
        return result;
    }
}
