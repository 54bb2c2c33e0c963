using System.Globalization;
using RunRecovery.Analysis;
using Spectre.Console;

namespace RunRecovery.Cli.Inspect;

/// <summary>The human-readable table `inspect` prints without --json.</summary>
public static class InspectTable
{
    public static void Write(IReadOnlyList<InspectResult> results, TextWriter output, TableUnits? units = null)
    {
        units ??= TableUnits.Metric;
        ArgumentNullException.ThrowIfNull(results);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in new[] { "File", "Format", "Sport", "Start (UTC)", "Elapsed", "Moving", $"Distance {units.DistanceUnit}", $"Ascent {units.HeightUnit}", "HR avg/max", "Samples", "Status" })
        {
            table.AddColumn(column);
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        foreach (InspectResult r in results)
        {
            var m = r.Figures?.Metrics;
            string status = r.Error is { } e ? $"[red]{Markup.Escape(e.Code)}: {Markup.Escape(e.Message)}[/]"
                : r.Warnings.Count > 0 ? $"[yellow]{r.Warnings.Count} warning(s)[/]"
                : "[green]ok[/]";
            table.AddRow(
                Markup.Escape(r.File),
                r.Format ?? "–",
                r.Figures is null ? "–" : RecordingMapper.Name(r.Figures.Sport),
                m?.StartUtc?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", c) ?? "–",
                Duration(m?.ElapsedTime),
                Duration(m?.MovingTime),
                m?.DistanceMeters is { } d ? units.Distance(d, "0.00") : "–",
                m?.AscentMeters is { } a ? units.Height(a) : "–",
                m?.HeartRate is { } hr ? string.Create(c, $"{hr.AverageBpm}/{hr.MaxBpm}") : "–",
                m?.SampleCount.ToString(c) ?? "–",
                status);
        }

        console.Write(table);
        int failed = results.Count(r => r.Error is not null);
        console.MarkupLine(string.Create(c, $"{results.Count} file(s), {results.Count - failed} read, {failed} failed."));
    }

    private static string Duration(TimeSpan? time) =>
        time is { } t ? t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "–";
}
