namespace RunRecovery.Scoring.Recommendations;

/// <summary>
/// How a text names the day an item is about (docs/recovery-model.md §7.7). Texts are stored with the item and shown
/// until the next re-plan, which may be days later, so a text never says "tomorrow": it says "today" only for the
/// plan's own today (such an item expires that day, so the word stays true) and the weekday for later days
/// ("fits on Tuesday"), which stays true whenever it is read.
/// </summary>
public static class DayWords
{
    /// <summary>"today" when <paramref name="day"/> is <paramref name="today"/>, else "on Tuesday" (the weekday in English).</summary>
    public static string On(DateOnly day, DateOnly today) => day == today ? "today" : "on " + day.DayOfWeek;
}
