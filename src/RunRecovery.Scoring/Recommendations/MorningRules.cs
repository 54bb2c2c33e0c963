using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>What a morning check-in says about that day (docs/recovery-model.md §7.4).</summary>
public static class MorningRules
{
    /// <summary>Sleep rated 1 or 2 of 5 keeps the day easy: sleep loss impairs performance and recovery (Fullagar 2015).
    /// The cut-off is our assumption, §7.4.</summary>
    public const int PoorSleep = 2;

    /// <summary>A resting heart rate 7 bpm or more above the runner's usual keeps the day easy. Our assumption, §7.4
    /// (day-to-day resting HR varies by a few beats; a clear rise often comes with fatigue or illness).</summary>
    public const int ElevatedRestingBpm = 7;

    /// <summary>Mornings whose resting heart rate sets the runner's usual value: the median of the last 28 days, at least 3.</summary>
    public const int BaselineMornings = 3;

    public static MorningCheckin? On(RecommendationContext context, DateOnly day) =>
        context.Mornings.LastOrDefault(m => m.Date == day);

    /// <summary>Reasons the morning check-in of <paramref name="day"/> keeps it easy; empty when it does not.</summary>
    public static IReadOnlyList<string> EasyReasons(RecommendationContext context, DateOnly day)
    {
        var morning = On(context, day);
        if (morning is null)
        {
            return [];
        }

        var reasons = new List<string>();
        if (morning.OverallSoreness >= SafetyRules.HighSoreness)
        {
            reasons.Add(I($"Your morning check-in: overall soreness {morning.OverallSoreness}/10, so no hard sessions today."));
        }

        if (morning.SleepQuality <= PoorSleep)
        {
            reasons.Add(I($"Your morning check-in: sleep {morning.SleepQuality}/5. Poor sleep lowers performance and recovery, so keep today easy."));
        }

        if (morning.RestingHeartRateBpm is { } rhr && UsualRestingHeartRate(context, day) is { } usual && rhr >= usual + ElevatedRestingBpm)
        {
            reasons.Add(I($"Your resting heart rate this morning is {rhr} bpm, {rhr - usual:0} above your usual {usual:0}: keep today easy, and rest if you feel unwell."));
        }

        return reasons;
    }

    public static bool VerySore(RecommendationContext context, DateOnly day) =>
        On(context, day)?.OverallSoreness >= SafetyRules.PersistentSoreness;

    private static double? UsualRestingHeartRate(RecommendationContext context, DateOnly day)
    {
        var earlier = context.Mornings.Where(m => m.Date < day && m.Date >= day.AddDays(-28) && m.RestingHeartRateBpm is not null)
            .Select(m => (double)m.RestingHeartRateBpm!.Value).Order().ToList(); // filtered to non-null just above
        if (earlier.Count >= BaselineMornings)
        {
            return earlier[earlier.Count / 2];
        }

        return context.Profile.RestingHeartRateBpm;
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
