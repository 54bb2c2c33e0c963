using System.Globalization;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>Persistent soreness or pain → see a professional, and no massage or running load for that part
/// (docs/recovery-model.md §7.5). We never name a condition.</summary>
public static class SafetyRules
{
    /// <summary>Soreness at or above 7/10 ... (issue 5; our threshold, §7.5).</summary>
    public const int PersistentSoreness = 7;

    /// <summary>... on at least 3 distinct days ...</summary>
    public const int PersistentDays = 3;

    /// <summary>... within the last 7 local days (including today). A pain flag in the same window counts at once.</summary>
    public const int WindowDays = 7;

    /// <summary>Soreness at or above 5/10 in the last 2 days blocks any suggestion of intensity. Our assumption, §7.4.</summary>
    public const int HighSoreness = 5;

    public static readonly BodyPart[] RunningParts =
    [
        BodyPart.Calves, BodyPart.Shins, BodyPart.Quadriceps, BodyPart.Hamstrings, BodyPart.Glutes,
        BodyPart.Feet, BodyPart.Ankles, BodyPart.Knees, BodyPart.Hips,
    ];

    /// <summary>Flagged parts with the reasons, ordered by body part.</summary>
    public static IReadOnlyDictionary<BodyPart, IReadOnlyList<string>> Flagged(IReadOnlyList<SorenessCheckin> checkins, DateOnly today)
    {
        var result = new SortedDictionary<BodyPart, IReadOnlyList<string>>();
        DateOnly from = today.AddDays(-(WindowDays - 1));
        foreach (var group in checkins.Where(c => c.Date >= from && c.Date <= today).GroupBy(c => c.BodyPart))
        {
            var highDays = group.Where(c => c.Soreness >= PersistentSoreness)
                .GroupBy(c => c.Date).Select(d => (Date: d.Key, Level: d.Max(c => c.Soreness)))
                .OrderBy(d => d.Date).ToList();
            var painDays = group.Where(c => c.Pain).Select(c => c.Date).Distinct().Order().ToList();
            var reasons = new List<string>();
            if (highDays.Count >= PersistentDays)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"You reported {Name(group.Key)} soreness of {string.Join(", ", highDays.Select(d => $"{d.Level}/10 on {d.Date:yyyy-MM-dd}"))}: {highDays.Count} days at {PersistentSoreness}/10 or more within {WindowDays} days."));
            }

            if (painDays.Count > 0)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"You marked {Name(group.Key)} as pain on {string.Join(", ", painDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}."));
            }

            if (reasons.Count > 0)
            {
                result[group.Key] = reasons;
            }
        }

        return result;
    }

    /// <summary>True when any check-in in the last two local days is at or above <see cref="HighSoreness"/>.</summary>
    public static SorenessCheckin? HighestRecent(IReadOnlyList<SorenessCheckin> checkins, DateOnly today) =>
        checkins.Where(c => c.Date >= today.AddDays(-1) && c.Date <= today && c.Soreness >= HighSoreness)
            .OrderByDescending(c => c.Soreness).ThenBy(c => c.BodyPart).FirstOrDefault();

    public static string Name(BodyPart part) => part switch
    {
        BodyPart.LowerBack => "lower back",
        _ => part.ToString().ToLowerInvariant(),
    };
}
