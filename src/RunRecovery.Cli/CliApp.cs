using System.CommandLine;
using RunRecovery.Cli.ClubImport;
using RunRecovery.Cli.Inspect;
using RunRecovery.Cli.Plan;
using RunRecovery.Cli.Sync;
using RunRecovery.Cli.Upload;

namespace RunRecovery.Cli;

/// <summary>
/// The `runrecovery` command line. Each command lives in its own folder and contributes one
/// <see cref="Command"/> (inspect, plan; upload later). Exit codes: 0 success, 1 some input failed,
/// 2 bad usage (unknown command or option, missing argument, a path that does not exist).
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int SomeInputFailed = 1;
    public const int BadUsage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("RunRecovery: read runners' watch files (FIT, GPX, TCX) and report what they measured.")
        {
            InspectCommand.Create(output, error),
            PlanCommand.Create(output, error, clock ?? TimeProvider.System),
            UploadCommand.Create(output, error),
            ClubImportCommand.Create(output, error),
            SyncCommand.Create(output, error),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine("usage: runrecovery inspect PATH... [--json] | runrecovery plan PATH... [--profile F] [--checkins F] [--as-of T] [--json]");
            error.WriteLine("       runrecovery upload --server URL --key KEY PATH... | runrecovery club-import --server URL --key KEY --club ID ARCHIVE|DIR");
            error.WriteLine("       runrecovery sync --server URL --key KEY --watch DIR... [--once] [--state FILE]");
            error.WriteLine("       (runrecovery --help for more)");
            return BadUsage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
