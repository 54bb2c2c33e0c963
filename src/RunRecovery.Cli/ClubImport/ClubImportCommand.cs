using System.CommandLine;

namespace RunRecovery.Cli.ClubImport;

/// <summary>`runrecovery club-import --server URL --key KEY --club ID ARCHIVE|DIR`: bulk-imports a club's history and follows it to the end.</summary>
public static class ClubImportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var server = new Option<string>("--server") { Description = "The service's base URL, e.g. http://localhost:5000.", Required = true };
        var key = new Option<string>("--key") { Description = "A club admin's API key (rr_…). RUNRECOVERY_KEY is used when the option is left out." };
        var club = new Option<Guid>("--club") { Description = "The club's id.", Required = true };
        var poll = new Option<double>("--poll") { Description = "Seconds between progress checks.", DefaultValueFactory = _ => 1.0 };
        var path = new Argument<string>("ARCHIVE|DIR")
        {
            Description = "A club archive (.zip), or a folder zipped on the fly while it is sent: one folder per member (email or club id) or a manifest.csv.",
        };

        var command = new Command("club-import", "Upload a club archive, follow the import until it ends, and summarise what was imported.")
        {
            server, key, club, poll, path,
        };
        command.SetAction((parse, cancellationToken) => ClubImportRun.RunAsync(
            new ClubImportSettings(
                parse.GetValue(server)!,
                parse.GetValue(key) ?? Environment.GetEnvironmentVariable("RUNRECOVERY_KEY"),
                parse.GetValue(club),
                parse.GetValue(path)!,
                TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(poll), 0.05, 60))),
            output,
            error,
            cancellationToken));
        return command;
    }
}

public sealed record ClubImportSettings(string Server, string? Key, Guid Club, string Path, TimeSpan Poll);
