namespace RunRecovery.Api.Hosting;

/// <summary>
/// The service's own command line: an optional verb (<c>migrate</c>, <c>script</c>) and <c>--role</c>.
/// Everything else is handed to the host as configuration (<c>--urls</c>, <c>--Section:Key=value</c>).
/// </summary>
public sealed record StartupCommand(StartupVerb Verb, ServiceRole Role, string? ScriptPath, string[] HostArguments)
{
    public const string Usage =
        "Usage: RunRecovery.Api [--role all|api|worker] [--urls URL] [--Key=Value...]\n"
        + "       RunRecovery.Api migrate            apply pending migrations and exit\n"
        + "       RunRecovery.Api script [PATH]      write the idempotent migration SQL (default: stdout)";

    public static StartupCommand Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        StartupVerb verb = StartupVerb.Serve;
        ServiceRole? role = null;
        string? scriptPath = null;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (i == 0 && arg == "migrate")
            {
                verb = StartupVerb.Migrate;
            }
            else if (i == 0 && arg == "script")
            {
                verb = StartupVerb.Script;
                if (args.Count > 1 && !args[1].StartsWith('-'))
                {
                    scriptPath = args[++i];
                }
            }
            else if (arg == "--role" || arg.StartsWith("--role=", StringComparison.Ordinal))
            {
                string value = arg.Contains('=', StringComparison.Ordinal) ? arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]
                    : i + 1 < args.Count ? args[++i]
                    : throw new StartupCommandException("--role needs a value: all, api or worker.");
                role = ParseRole(value);
            }
            else if (arg is "-h" or "--help")
            {
                verb = StartupVerb.Help;
            }
            else
            {
                rest.Add(arg);
            }
        }

        return new StartupCommand(verb, role ?? ServiceRole.All, scriptPath, [.. rest]) { RoleGiven = role is not null };
    }

    /// <summary>False when --role was absent, so configuration (RunRecovery:Role) may choose.</summary>
    public bool RoleGiven { get; init; }

    public static ServiceRole ParseRole(string value) => value.Trim().ToUpperInvariant() switch
    {
        "ALL" => ServiceRole.All,
        "API" => ServiceRole.Api,
        "WORKER" => ServiceRole.Worker,
        _ => throw new StartupCommandException($"Unknown role '{value}': use all, api or worker."),
    };
}

public enum StartupVerb
{
    Serve,
    Migrate,
    Script,
    Help,
}

public sealed class StartupCommandException : Exception
{
    public StartupCommandException()
    {
    }

    public StartupCommandException(string message)
        : base(message)
    {
    }

    public StartupCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
