using System.CommandLine;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Cli.Inspect;

/// <summary>`runrecovery inspect PATH... [--json]`: reads files, folders (recursively) and archives.</summary>
public static class InspectCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "A FIT, GPX or TCX file, a .gz or .zip archive (e.g. a Strava or Garmin export), or a folder (read recursively).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object per activity file (per archive entry) per line instead of a table.",
        };
        var maxHr = new Option<int?>("--max-hr") { Description = "The runner's maximum heart rate (for time in zones)." };
        var restHr = new Option<int?>("--rest-hr") { Description = "The runner's resting heart rate (zones by heart-rate reserve)." };
        Option<string> units = TableUnits.CreateOption();

        var command = new Command("inspect", "Read activity files and print what each one measured.") { paths, json, maxHr, restHr, units };
        command.SetAction(parse =>
        {
            var runner = new RunnerProfile
            {
                MaxHeartRateBpm = parse.GetValue(maxHr),
                RestingHeartRateBpm = parse.GetValue(restHr),
            };
            return Run(parse.GetValue(paths) ?? [], parse.GetValue(json), runner, TableUnits.From(parse.GetValue(units)), output, error);
        });
        return command;
    }

    private static int Run(string[] paths, bool json, RunnerProfile runner, TableUnits units, TextWriter output, TextWriter error)
    {
        bool missingPath = false;
        foreach (string path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                error.WriteLine($"runrecovery inspect: {path}: no such file or folder");
                missingPath = true;
            }
        }

        // Files are read on this thread and measured on every core; lines come out in input order (OrderedParallel).
        var results = new List<InspectResult>();
        OrderedParallel.ForEach(
            InspectInputs.Expand(paths.Where(p => File.Exists(p) || Directory.Exists(p))),
            input =>
            {
                InspectResult result = InspectResult.From(input, runner);
                return (Result: result, Line: json ? InspectJson.Line(result) : null);
            },
            done =>
            {
                results.Add(done.Result);
                if (done.Line is not null)
                {
                    output.WriteLine(done.Line);
                }
            },
            Environment.ProcessorCount);

        if (!json)
        {
            InspectTable.Write(results, output, units);
        }

        return missingPath ? CliApp.BadUsage
            : results.Exists(r => r.Error is not null) ? CliApp.SomeInputFailed
            : CliApp.Success;
    }
}
