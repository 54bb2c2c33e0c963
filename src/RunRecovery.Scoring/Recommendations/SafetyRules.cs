using System.Globalization;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>One body part that needs a professional's look (docs/recovery-model.md §7.5).</summary>
/// <param name="Since">The day of the report that raised the flag.</param>
/// <param name="LastReported">The last day the part was reported not fine.</param>
/// <param name="Urgent">A red flag: get checked today.</param>
public sealed record SafetyFlag(BodyPart Part, DateOnly Since, DateOnly LastReported, IReadOnlyList<string> Reasons, bool Urgent);

/// <summary>Flags and parts with pain as of one day.</summary>
public sealed record SafetyState(IReadOnlyDictionary<BodyPart, SafetyFlag> Flags, IReadOnlySet<BodyPart> Painful);

/// <summary>Pain and persistent soreness → see a professional, and no massage, stretching or running load for that part
/// (docs/recovery-model.md §7.5). We never name a condition.</summary>
public static class SafetyRules
{
    /// <summary>Soreness at or above 7/10 ... (issue 5; our threshold, §7.5). Also the level that makes advice gentler.</summary>
    public const int PersistentSoreness = 7;

    /// <summary>... on at least 3 distinct days ...</summary>
    public const int PersistentDays = 3;

    /// <summary>... within 7 local days. Pain reported on 3 days within 7 counts the same way.</summary>
    public const int WindowDays = 7;

    /// <summary>Soreness at or above 5/10 in the last 2 days blocks any suggestion of intensity. Our assumption, §7.4.</summary>
    public const int HighSoreness = 5;

    /// <summary>Sharp pain at or above 4/10, or any pain at or above 7/10, needs a professional at once (issue 14). Ours.</summary>
    public const int SharpPainToRefer = 4;

    public const int PainToRefer = 7;

    /// <summary>After this many days without a new report, the runner is asked whether the part is better (issue 14).</summary>
    public const int AskAfterDays = 3;

    public static readonly BodyPart[] RunningParts =
    [
        BodyPart.Calves, BodyPart.Shins, BodyPart.Quadriceps, BodyPart.Hamstrings, BodyPart.Glutes,
        BodyPart.Feet, BodyPart.Ankles, BodyPart.Knees, BodyPart.Hips,
    ];

    /// <summary>Flagged parts with the reasons, ordered by body part.</summary>
    public static IReadOnlyDictionary<BodyPart, IReadOnlyList<string>> Flagged(IReadOnlyList<SorenessCheckin> checkins, DateOnly today) =>
        new SortedDictionary<BodyPart, IReadOnlyList<string>>(State(checkins, today).Flags.ToDictionary(f => f.Key, f => f.Value.Reasons));

    /// <summary>
    /// Reads each part's reports in date order: a red flag, sharp pain ≥ 4, any pain ≥ 7, the older pain flag, or 3 days
    /// of soreness ≥ 7 or of pain within 7 days raise a flag that stays until a later report says the part is fine
    /// (<see cref="SorenessCheckin.SaysFine"/>). Milder pain keeps the part off limits for 7 days or until fine.
    /// </summary>
    public static SafetyState State(IReadOnlyList<SorenessCheckin> checkins, DateOnly today)
    {
        var flags = new SortedDictionary<BodyPart, SafetyFlag>();
        var painful = new HashSet<BodyPart>();
        foreach (var group in checkins.Where(c => c.Date <= today).GroupBy(c => c.BodyPart))
        {
            var reports = group.OrderBy(c => c.Date).ToList(); // stable: same-day reports keep their input order
            SafetyFlag? flag = null;
            DateOnly? lastPain = null;
            int episode = 0; // reports before a "fine" one no longer count
            for (int i = 0; i < reports.Count; i++)
            {
                var c = reports[i];
                if (c.SaysFine)
                {
                    flag = null;
                    lastPain = null;
                    episode = i + 1;
                    continue;
                }

                lastPain = c.HasPain ? c.Date : lastPain;
                var reasons = new List<string>(Reasons(c));
                var recent = reports.Skip(episode).Take(i + 1 - episode).Where(r => r.Date > c.Date.AddDays(-WindowDays)).ToList();
                var high = recent.Where(r => r.Soreness >= PersistentSoreness).GroupBy(r => r.Date)
                    .Select(d => (Date: d.Key, Level: d.Max(r => r.Soreness))).OrderBy(d => d.Date).ToList();
                if (high.Count >= PersistentDays)
                {
                    reasons.Add(I($"You reported {Name(c.BodyPart)} soreness of {string.Join(", ", high.Select(d => I($"{d.Level}/10 on {d.Date:yyyy-MM-dd}")))}: {high.Count} days at {PersistentSoreness}/10 or more within {WindowDays} days."));
                }

                var painDays = recent.Where(r => r.HasPain).Select(r => r.Date).Distinct().ToList();
                if (painDays.Count >= PersistentDays)
                {
                    reasons.Add(I($"You reported {Name(c.BodyPart)} pain on {painDays.Count} days within {WindowDays} days."));
                }

                bool urgent = c.RedFlags.Count > 0;
                if (reasons.Count > 0)
                {
                    flag = flag is null
                        ? new SafetyFlag(c.BodyPart, c.Date, c.Date, reasons, urgent)
                        : flag with { LastReported = c.Date, Reasons = [.. flag.Reasons, .. reasons.Except(flag.Reasons)], Urgent = flag.Urgent || urgent };
                }
                else if (flag is not null)
                {
                    flag = flag with { LastReported = c.Date };
                }
            }

            if (flag is not null)
            {
                flags[group.Key] = flag;
            }
            else if (lastPain is { } day && day > today.AddDays(-WindowDays))
            {
                painful.Add(group.Key);
            }
        }

        return new SafetyState(flags, painful);
    }

    /// <summary>Why one report needs a professional at once; empty when it does not.</summary>
    private static IEnumerable<string> Reasons(SorenessCheckin c)
    {
        string part = Name(c.BodyPart);
        string on = I($"on {c.Date:yyyy-MM-dd}");
        if (c.RedFlags.Contains(RedFlag.Swelling) || c.RedFlags.Contains(RedFlag.Warmth))
        {
            yield return I($"You reported {Words(c.RedFlags)} with your {part} {on}. Pain with swelling or warm skin, especially in one calf or thigh, can be a sign of a blood clot: please get checked today, and call emergency services at once if you are also short of breath or have chest pain. No massage on it.");
        }

        if (c.RedFlags.Contains(RedFlag.CannotBearWeight))
        {
            yield return I($"You cannot bear weight on your {part} ({on}): please have it checked today.");
        }

        if (c.RedFlags.Contains(RedFlag.PainAtRest) || c.RedFlags.Contains(RedFlag.PainAtNight))
        {
            yield return I($"Your {part} hurts {(c.RedFlags.Contains(RedFlag.PainAtNight) ? "at night" : "at rest")} ({on}). Pain that does not need running to appear is worth a clinician's look before you run on it again.");
        }

        if (c.PainCharacter == PainCharacter.Sharp && c.PainSeverity >= SharpPainToRefer)
        {
            yield return I($"You reported sharp {part} pain of {c.PainSeverity}/10 {on}. Sharp pain is not ordinary soreness: a physiotherapist or doctor should look at it before you load it again.");
        }
        else if (c.PainSeverity >= PainToRefer)
        {
            yield return I($"You reported {part} pain of {c.PainSeverity}/10 {on}: pain this strong needs a professional's look.");
        }

        if (c.Pain && c.PainSeverity is null)
        {
            yield return I($"You marked {part} as pain {on}.");
        }
    }

    /// <summary>The strongest soreness check-in of the last two local days at or above <paramref name="atLeast"/>.</summary>
    public static SorenessCheckin? HighestRecent(IReadOnlyList<SorenessCheckin> checkins, DateOnly today, int atLeast = HighSoreness) =>
        checkins.Where(c => c.Date >= today.AddDays(-1) && c.Date <= today && c.Soreness >= atLeast)
            .OrderByDescending(c => c.Soreness).ThenBy(c => c.BodyPart).FirstOrDefault();

    public static string Name(BodyPart part) => part switch
    {
        BodyPart.LowerBack => "lower back",
        _ => part.ToString().ToLowerInvariant(),
    };

    /// <summary>"Are your calves better?" / "Is your lower back better?"</summary>
    public static string BetterQuestion(IReadOnlyList<BodyPart> parts)
    {
        string names = string.Join(" and ", parts.Select(Name));
        bool singular = parts.Count == 1 && parts[0] is BodyPart.LowerBack or BodyPart.Other;
        return I($"{(singular ? "Is" : "Are")} your {names} better? A check-in with how {(singular ? "it feels" : "they feel")} now keeps this advice right.");
    }

    private static string Words(IReadOnlyList<RedFlag> flags) =>
        string.Join(" and ", flags.Where(f => f is RedFlag.Swelling or RedFlag.Warmth).Select(f => f == RedFlag.Swelling ? "swelling" : "warmth"));

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
