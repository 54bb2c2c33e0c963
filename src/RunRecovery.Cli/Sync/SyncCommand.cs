using System.CommandLine;

namespace RunRecovery.Cli.Sync;

/// <summary>
/// `runrecovery sync --server URL --key KEY --watch DIR... [--once]`: uploads every activity file that appears in the
/// folders, remembering what it sent (by SHA-256) in a state file so that a restart sends only what was not sent.
/// </summary>
public static class SyncCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var server = new Option<string>("--server") { Description = "The service's base URL, e.g. http://localhost:5000.", Required = true };
        var key = new Option<string>("--key") { Description = "The runner's API key (rr_…). RUNRECOVERY_KEY is used when the option is left out." };
        var watch = new Option<string[]>("--watch")
        {
            Description = "Folders to watch (read recursively), e.g. a watch's GARMIN/Activity or an app's export folder.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var once = new Option<bool>("--once") { Description = "Send what is new, then exit (for cron and systemd timers)." };
        var state = new Option<string>("--state")
        {
            Description = "The state file (what was sent, by SHA-256). Default: $XDG_STATE_HOME/runrecovery/sync.json or ~/.local/state/runrecovery/sync.json.",
        };
        var interval = new Option<double>("--interval") { Description = "Seconds between scans when watching (0.1–3600).", DefaultValueFactory = _ => 2.0 };

        var command = new Command("sync", "Upload every new activity file that appears in the watched folders; remember what was sent.")
        {
            server, key, watch, once, state, interval,
        };
        command.SetAction((parse, cancellationToken) => SyncRun.RunAsync(
            new SyncSettings(
                parse.GetValue(server)!,
                parse.GetValue(key) ?? Environment.GetEnvironmentVariable("RUNRECOVERY_KEY"),
                parse.GetValue(watch) ?? [],
                parse.GetValue(once),
                parse.GetValue(state) ?? SyncState.DefaultPath(),
                TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(interval), 0.1, 3600))),
            output,
            error,
            cancellationToken));
        return command;
    }
}

public sealed record SyncSettings(string Server, string? Key, IReadOnlyList<string> Folders, bool Once, string StatePath, TimeSpan Interval);
