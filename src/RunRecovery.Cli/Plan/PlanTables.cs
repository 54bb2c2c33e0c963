using System.Globalization;
using RunRecovery.Scoring.Planning;
using Spectre.Console;

namespace RunRecovery.Cli.Plan;

/// <summary>The human-readable output of `plan`: activities, the last two weeks of the series, and the queue.</summary>
public static class PlanTables
{
    private const int DaysShown = 14;

    public static void Write(PlanDocument plan, TextWriter output, TableUnits? units = null)
    {
        units ??= TableUnits.Metric;
        ArgumentNullException.ThrowIfNull(plan);
        IAnsiConsole console = Consoles.For(output);
        CultureInfo c = CultureInfo.InvariantCulture;

        var activities = new Table().Border(TableBorder.Rounded).Title("Activities");
        foreach (string column in new[] { "File", "Start (UTC)", "Sport", units.DistanceUnit, "Moving min", "Cardio", "Calves", "Shins", "Quads", "Hams", "Glutes", "Recovery h" })
        {
            activities.AddColumn(column);
        }

        foreach (PlanDocumentActivity a in plan.Activities)
        {
            activities.AddRow(
                Markup.Escape(Path.GetFileName(a.File)),
                a.StartUtc.ToString("yyyy-MM-dd HH:mm", c),
                a.Sport,
                units.Distance(a.DistanceKm * 1000, "0.0"),
                a.MovingMinutes.ToString("0", c),
                a.CardioLoad.ToString("0", c),
                a.MuscleLoad.Calves.ToString("0", c),
                a.MuscleLoad.Shins.ToString("0", c),
                a.MuscleLoad.Quadriceps.ToString("0", c),
                a.MuscleLoad.Hamstrings.ToString("0", c),
                a.MuscleLoad.Glutes.ToString("0", c),
                a.RecoveryHours.ToString("0", c));
        }

        console.Write(activities);

        var days = new Table().Border(TableBorder.Rounded).Title($"Last {DaysShown} days");
        foreach (string column in new[] { "Date", "Load", "Acute", "Chronic", "Ratio", "Form", "Readiness", "Baseline" })
        {
            days.AddColumn(column);
        }

        foreach (PlanDocumentDay d in plan.Days.Skip(Math.Max(0, plan.Days.Count - DaysShown)))
        {
            days.AddRow(
                d.Date.ToString("yyyy-MM-dd", c),
                d.Load.ToString("0", c),
                d.Acute.ToString("0.0", c),
                d.Chronic.ToString("0.0", c),
                d.Ratio?.ToString("0.00", c) ?? "–",
                d.Form.ToString("0.0", c),
                d.Readiness,
                d.Baseline == PlanDocumentDay.Building ? $"building ({d.HistoryDays}/28 days)" : d.Baseline);
        }

        console.Write(days);

        var queue = new Table().Border(TableBorder.Rounded).Title($"Recommendations as of {plan.AsOfUtc.ToString("yyyy-MM-dd HH:mm", c)} UTC");
        foreach (string column in new[] { "Due (UTC)", "Kind", "Body parts", "How", "Min", "Why" })
        {
            queue.AddColumn(column);
        }

        foreach (PlanDocumentRecommendation r in plan.Recommendations)
        {
            string how = r.Steps.Count > 0
                ? string.Join(Environment.NewLine, r.Steps.Select((s, i) => $"{i + 1}. {s.Action} {s.BodyPart} ({s.Tool}, {s.Minutes} min): {s.Technique}"))
                : string.Join(", ", new[] { r.Technique, r.Tool }.Where(s => !string.IsNullOrEmpty(s)));
            if (r.Question is { } question)
            {
                how += Environment.NewLine + question;
            }

            queue.AddRow(
                r.DueUtc.ToString("MM-dd HH:mm", c),
                r.Kind,
                Markup.Escape(string.Join(", ", r.BodyParts)),
                Markup.Escape(how),
                r.DurationMinutes.ToString(c),
                Markup.Escape(string.Join(" ", r.Reasons)));
        }

        console.Write(queue);
    }
}
