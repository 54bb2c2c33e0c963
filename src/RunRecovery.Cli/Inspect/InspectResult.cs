using RunRecovery.Analysis;
using RunRecovery.Formats;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Planning;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Cli.Inspect;

/// <summary>What `inspect` reports for one activity file: the whole file, its sessions when there are several, or its error.</summary>
public sealed record InspectResult(
    string File,
    string? Format,
    InspectFigures? Figures,
    IReadOnlyList<InspectFigures> Sessions,
    IReadOnlyList<FormatWarning> Warnings,
    FormatError? Error)
{
    /// <param name="input">One file or archive entry as read from disk.</param>
    /// <param name="runner">What is known about the runner (heart-rate thresholds for zones).</param>
    public static InspectResult From(InspectInput input, RunnerProfile runner)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Error is not null || input.Content is null)
        {
            return Failed(input.Name, null, input.Error?.ToError() ?? new FormatError("io-error", "no content"));
        }

        string? format = FormatName(ActivityFile.Detect(input.Content));
        try
        {
            ParsedActivity activity = ActivityFile.Read(input.Content.AsMemory(), input.Name);
            return Succeeded(input.Name, activity, runner, activity.Error);
        }
        catch (ActivityFileException error) when (error.Partial is { } partial)
        {
            return Succeeded(input.Name, partial, runner, error.ToError());
        }
        catch (ActivityFileException error)
        {
            return Failed(input.Name, format, error.ToError());
        }
#pragma warning disable CA1031 // One unexpected failure must not stop a run over thousands of files; it is reported as a bug.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Failed(input.Name, format, new FormatError("internal-error", $"{error.GetType().Name}: {error.Message}"));
        }
    }

    private static InspectResult Succeeded(string file, ParsedActivity activity, RunnerProfile runner, FormatError? error)
    {
        var analysis = ActivityAnalysis.Of(activity, runner);
        IReadOnlyList<ActivityMetrics> sessionMetrics = analysis.SessionMetrics();
        List<InspectFigures> sessions = [.. sessionMetrics.Select((metrics, i) => InspectFigures.From(analysis.Recording.Sessions[i].Sport, metrics))];
        return new InspectResult(
            file,
            FormatName(activity.Format),
            InspectFigures.From(analysis.Recording.Sport, analysis.Metrics),
            sessions,
            [.. activity.Warnings, .. analysis.Metrics.Warnings.Select(warning => new FormatWarning(warning.Code, warning.Message))],
            error);
    }

    private static InspectResult Failed(string file, string? format, FormatError error) => new(file, format, null, [], [], error);

    private static string? FormatName(ContentKind kind) => kind switch
    {
        ContentKind.Fit => "fit",
        ContentKind.Gpx => "gpx",
        ContentKind.Tcx => "tcx",
        _ => null,
    };

    private static string FormatName(ActivityFormat format) => format switch
    {
        ActivityFormat.Fit => "fit",
        ActivityFormat.Gpx => "gpx",
        _ => "tcx",
    };
}

/// <summary>The figures reported for a file or a session, with its sport as the model has it (the analysis's).</summary>
public sealed record InspectFigures(Sport Sport, ActivityMetrics Metrics)
{
    public static InspectFigures From(Sport sport, ActivityMetrics metrics) => new(sport, metrics);
}
