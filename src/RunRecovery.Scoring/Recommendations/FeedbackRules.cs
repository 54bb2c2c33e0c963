using System.Globalization;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Scoring.Recommendations;

/// <summary>What the runner's feedback and check-ins change in later plans (docs/recovery-model.md §8).</summary>
public sealed class FeedbackRules
{
    /// <summary>Feedback older than this is ignored. Our assumption, §8.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>A tool or kind is avoided when its last (up to 5) feedback entries are all dismissals and there are at
    /// least 3 of them. Our assumption, §8.</summary>
    public const int DismissalsToAvoid = 3;

    public const int RecentEntries = 5;

    /// <summary>Soreness ≥ 4/10 on ≥ 2 days in the last 14 gives a muscle group emphasis (more massage time, always
    /// included). Our assumption, §8.</summary>
    public const int RecurringSoreness = 4;

    public const int RecurringDays = 2;

    public const int RecurringWindowDays = 14;

    /// <summary>Extra weight of an emphasised group when splitting massage time, and minutes added on top. Our assumption, §8.</summary>
    public const double EmphasisWeight = 1.5;

    public const int EmphasisExtraMinutes = 2;

    private FeedbackRules(IReadOnlyDictionary<string, int> avoidedTools, IReadOnlyDictionary<string, int> avoidedKinds,
        IReadOnlyDictionary<BodyPart, int> emphasis)
    {
        AvoidedTools = avoidedTools;
        AvoidedKinds = avoidedKinds;
        Emphasis = emphasis;
    }

    /// <summary>Tool name → number of consecutive recent dismissals.</summary>
    public IReadOnlyDictionary<string, int> AvoidedTools { get; }

    /// <summary>Kind → number of consecutive recent dismissals.</summary>
    public IReadOnlyDictionary<string, int> AvoidedKinds { get; }

    /// <summary>Muscle group → days with recurring soreness.</summary>
    public IReadOnlyDictionary<BodyPart, int> Emphasis { get; }

    public static FeedbackRules From(IReadOnlyList<RecommendationFeedback> feedback, IReadOnlyList<SorenessCheckin> checkins,
        DateTimeOffset asOfUtc, DateOnly today)
    {
        var recent = feedback.Where(f => f.AtUtc <= asOfUtc && f.AtUtc > asOfUtc - Window)
            .OrderBy(f => f.AtUtc).ThenBy(f => f.Kind, StringComparer.Ordinal).ToList();
        var tools = Avoided(recent.Where(f => f.Tool is not null), f => f.Tool!); // filtered to non-null just above
        // When a tool explains the dismissals, blame the tool, not the kind: a runner who never uses the foam roller
        // may still want massage with their hands.
        var kinds = Avoided(recent.Where(f => f.Tool is null || !tools.ContainsKey(f.Tool)), f => f.Kind);

        DateOnly from = today.AddDays(-(RecurringWindowDays - 1));
        var emphasis = checkins.Where(c => c.Date >= from && c.Date <= today && c.Soreness >= RecurringSoreness && !c.Pain)
            .GroupBy(c => c.BodyPart)
            .Select(g => (Part: g.Key, Days: g.Select(c => c.Date).Distinct().Count()))
            .Where(x => x.Days >= RecurringDays)
            .ToDictionary(x => x.Part, x => x.Days);
        return new FeedbackRules(tools, kinds, emphasis);
    }

    private static Dictionary<string, int> Avoided(IEnumerable<RecommendationFeedback> entries, Func<RecommendationFeedback, string> key)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in entries.GroupBy(key, StringComparer.Ordinal))
        {
            var last = group.TakeLast(RecentEntries).ToList();
            if (last.Count >= DismissalsToAvoid && last.All(f => f.Outcome == FeedbackOutcome.Dismissed))
            {
                result[group.Key] = last.Count;
            }
        }

        return result;
    }

    public bool AvoidsTool(string tool) => AvoidedTools.ContainsKey(tool);

    public bool AvoidsKind(string kind) => AvoidedKinds.ContainsKey(kind);

    public string ToolReason(string tool) => string.Create(CultureInfo.InvariantCulture,
        $"You dismissed the last {AvoidedTools[tool]} {tool} suggestions, so we suggest something else.");

    public string KindReason(string kind) => string.Create(CultureInfo.InvariantCulture,
        $"You dismissed the last {AvoidedKinds[kind]} {kind} suggestions, so we suggest less of it.");
}
