using System.CommandLine;

namespace RunRecovery.Cli.Upload;

/// <summary>`runrecovery upload --server URL --key KEY PATH...`: sends files to a RunRecovery service, one request each.</summary>
public static class UploadCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var server = new Option<string>("--server")
        {
            Description = "The service's base URL, e.g. http://localhost:5000.",
            Required = true,
        };
        var key = new Option<string>("--key")
        {
            Description = "The runner's API key (rr_…). RUNRECOVERY_KEY is used when the option is left out.",
        };
        var paths = new Argument<string[]>("PATH")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "FIT, GPX or TCX files, .gz files, .zip exports, or folders (read recursively).",
        };
        var parallel = new Option<int>("--parallel") { Description = "Uploads in flight at once (1–16).", DefaultValueFactory = _ => 4 };

        var command = new Command("upload", "Upload activity files to a RunRecovery service and report created, duplicate and failed files.")
        {
            server, key, parallel, paths,
        };
        command.SetAction((parse, cancellationToken) => UploadRun.RunAsync(
            new UploadSettings(
                parse.GetValue(server)!,
                parse.GetValue(key) ?? Environment.GetEnvironmentVariable("RUNRECOVERY_KEY"),
                Math.Clamp(parse.GetValue(parallel), 1, 16),
                parse.GetValue(paths) ?? []),
            output,
            error,
            cancellationToken));
        return command;
    }
}

public sealed record UploadSettings(string Server, string? Key, int Parallel, IReadOnlyList<string> Paths);
