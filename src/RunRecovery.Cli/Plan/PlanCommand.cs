using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using RunRecovery.Analysis;
using RunRecovery.Cli.Inspect;
using RunRecovery.Formats;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Planning.Input;

namespace RunRecovery.Cli.Plan;

/// <summary>
/// `runrecovery plan PATH... [--profile profile.json] [--checkins checkins.json] [--as-of TIME] [--json]`:
/// reads a runner's files (the same inputs as inspect), and prints per-activity loads, the daily series for the
/// last 42 days and the recommendation queue as of one instant. Exit 0 when every input parsed, 1 when any
/// failed (the plan is still made from the others), 2 on bad usage (missing path, unreadable profile or check-ins,
/// a profile or check-in that breaks the strict contract — every problem named with file, JSON path, value and the
/// allowed words — or a time that is not ISO 8601). Never a stack trace.
/// </summary>
public static class PlanCommand
{
    public static Command Create(TextWriter output, TextWriter error, TimeProvider clock)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "The runner's activity files: FIT, GPX or TCX files, .gz/.zip archives, or folders (read recursively).",
        };
        var profile = new Option<string?>("--profile") { Description = "The runner's profile (JSON; see docs/recovery-model.md)." };
        var checkins = new Option<string?>("--checkins") { Description = "Soreness check-ins and recommendation feedback (JSON)." };
        var asOf = new Option<string?>("--as-of") { Description = "Plan as of this instant (ISO 8601, e.g. 2026-05-01T18:00:00Z). Default: now." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of tables." };
        Option<string> units = TableUnits.CreateOption();

        var command = new Command("plan", "Score a runner's files and print loads, the daily series and recommendations.")
        {
            paths, profile, checkins, asOf, json, units,
        };
        command.SetAction(parse => Run(
            parse.GetValue(paths) ?? [],
            parse.GetValue(profile),
            parse.GetValue(checkins),
            parse.GetValue(asOf),
            parse.GetValue(json),
            TableUnits.From(parse.GetValue(units)),
            output,
            error,
            clock));
        return command;
    }

    private static int Run(
        string[] paths, string? profilePath, string? checkinsPath, string? asOfText, bool json, TableUnits units,
        TextWriter output, TextWriter error, TimeProvider clock)
    {
        if (!TryReadInputs(profilePath, checkinsPath, asOfText, error, clock, out RunnerProfile? profile, out RunnerReports? reports, out DateTimeOffset asOf))
        {
            return CliApp.BadUsage;
        }

        bool missingPath = false;
        foreach (string path in paths.Where(p => !File.Exists(p) && !Directory.Exists(p)))
        {
            error.WriteLine($"runrecovery plan: {path}: no such file or folder");
            missingPath = true;
        }

        if (missingPath)
        {
            return CliApp.BadUsage;
        }

        var activities = new List<ActivityLoadInput>();
        var fileNames = new Dictionary<string, string>(StringComparer.Ordinal);
        bool anyFailed = false;
        foreach (InspectInput input in InspectInputs.Expand(paths))
        {
            ParsedActivity? parsed = Read(input, error, ref anyFailed);
            if (parsed is null)
            {
                continue;
            }

            string id = ContentId(input.Content!);
            if (fileNames.ContainsKey(id) || fileNames.ContainsKey(id + "#1"))
            {
                error.WriteLine($"runrecovery plan: {input.Name}: same bytes as {fileNames.GetValueOrDefault(id) ?? fileNames[id + "#1"]}; counted once");
                continue;
            }

            IReadOnlyList<ActivityLoadInput> inputs = ActivityAnalysis.Of(parsed, profile).LoadInputs(id, input.Name);
            if (inputs.Count == 0)
            {
                error.WriteLine($"runrecovery plan: {input.Name}: no calendar time or no duration in the file; not scored");
            }

            foreach (ActivityLoadInput activity in inputs)
            {
                activities.Add(activity);
                fileNames[activity.Id] = input.Name;
            }
        }

        RecoveryPlan plan = RecoveryPlanner.Plan(profile, activities, reports, asOf);
        PlanDocument document = WithFullWindow(PlanDocument.From(plan, fileNames));
        if (json)
        {
            output.WriteLine(PlanJson.Write(document));
        }
        else
        {
            PlanTables.Write(document, output, units);
        }

        return anyFailed ? CliApp.SomeInputFailed : CliApp.Success;
    }

    private static ParsedActivity? Read(InspectInput input, TextWriter error, ref bool anyFailed)
    {
        if (input.Error is not null || input.Content is null)
        {
            error.WriteLine($"runrecovery plan: {input.Name}: {input.Error?.Message ?? "no content"}");
            anyFailed = true;
            return null;
        }

        try
        {
            ParsedActivity parsed = ActivityFile.Read(input.Content.AsMemory(), input.Name);
            if (parsed.Error is { } damage)
            {
                error.WriteLine($"runrecovery plan: {input.Name}: {damage.Message} (using what was read before it)");
            }

            return parsed;
        }
        catch (ActivityFileException failure) when (failure.Partial is { } partial)
        {
            error.WriteLine($"runrecovery plan: {input.Name}: {failure.Message} (using what was read before it)");
            anyFailed = true;
            return partial;
        }
        catch (ActivityFileException failure)
        {
            error.WriteLine($"runrecovery plan: {input.Name}: {failure.Message}");
            anyFailed = true;
            return null;
        }
    }

    private static bool TryReadInputs(
        string? profilePath, string? checkinsPath, string? asOfText, TextWriter error, TimeProvider clock,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RunnerProfile? profile,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RunnerReports? reports,
        out DateTimeOffset asOf)
    {
        profile = RunnerProfile.Default;
        reports = RunnerReports.None;
        asOf = clock.GetUtcNow();
        if (asOfText is not null
            && !DateTimeOffset.TryParse(asOfText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out asOf))
        {
            error.WriteLine($"runrecovery plan: --as-of '{asOfText}' is not an ISO 8601 time such as 2026-05-01T18:00:00Z");
            return false;
        }

        bool ok = true;
        try
        {
            if (profilePath is not null)
            {
                profile = PlanInput.ReadProfile(File.ReadAllText(profilePath), asOf, profilePath);
            }
        }
        catch (InputException failure)
        {
            WriteProblems(failure, error);
            ok = false;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error.WriteLine($"runrecovery plan: {profilePath}: {failure.Message}");
            ok = false;
        }

        try
        {
            if (checkinsPath is not null)
            {
                reports = PlanInput.ReadCheckins(File.ReadAllText(checkinsPath), checkinsPath);
            }
        }
        catch (InputException failure)
        {
            WriteProblems(failure, error);
            ok = false;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error.WriteLine($"runrecovery plan: {checkinsPath}: {failure.Message}");
            ok = false;
        }

        return ok;
    }

    private static void WriteProblems(InputException failure, TextWriter error)
    {
        foreach (InputError problem in failure.Errors)
        {
            error.WriteLine($"runrecovery plan: {failure.Source}: {problem}");
        }
    }

    /// <summary>
    /// The contract shows the last 42 days. A history shorter than that starts with days that had no recorded
    /// activity: zero load, zero acute and chronic load, no ratio (docs/recovery-model.md: the EWMAs start at 0).
    /// </summary>
    private static PlanDocument WithFullWindow(PlanDocument document)
    {
        if (document.Days.Count == 0 || document.Days.Count >= RecoveryPlanner.DefaultDays)
        {
            return document;
        }

        DateOnly first = document.Days[0].Date;
        int missing = RecoveryPlanner.DefaultDays - document.Days.Count;
        var days = new List<PlanDocumentDay>(RecoveryPlanner.DefaultDays);
        for (int i = missing; i > 0; i--)
        {
            days.Add(new PlanDocumentDay(first.AddDays(-i), 0, 0, null, 0, "fresh", 0, 0, 0, 0, 0, PlanDocumentDay.Building, null));
        }

        days.AddRange(document.Days);
        return document with { Days = days };
    }

    /// <summary>A stable id from the file's bytes, so the same inputs always give the same plan.</summary>
    private static string ContentId(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];
}
