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
        + "       RunRecovery.Api script [PATH]      write the idempotent migration SQL (default: stdout)\n"
        + "       RunRecovery.Api admin reset-key --email EMAIL   give a runner a new API key and recovery code (printed once)";

    /// <summary>The runner whose key <c>admin reset-key</c> resets.</summary>
    public string? Email { get; init; }

    public static StartupCommand Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        StartupVerb verb = StartupVerb.Serve;
        ServiceRole? role = null;
        string? scriptPath = null;
        string? email = null;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (i == 0 && arg == "admin")
            {
                if (args.Count < 2 || args[1] != "reset-key")
                {
                    throw new StartupCommandException("admin needs a command: admin reset-key --email EMAIL.");
                }

                verb = StartupVerb.AdminResetKey;
                i++;
            }
            else if (verb == StartupVerb.AdminResetKey && (arg == "--email" || arg.StartsWith("--email=", StringComparison.Ordinal)))
            {
                email = arg.Contains('=', StringComparison.Ordinal) ? arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]
                    : i + 1 < args.Count ? args[++i]
                    : throw new StartupCommandException("--email needs a value.");
            }
            else if (i == 0 && arg == "migrate")
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

        if (verb == StartupVerb.AdminResetKey && string.IsNullOrWhiteSpace(email))
        {
            throw new StartupCommandException("admin reset-key needs --email EMAIL (the runner's email).");
        }

        // An admin command serves nothing: the API role starts no job server while it runs.
        return new StartupCommand(verb, role ?? (verb == StartupVerb.AdminResetKey ? ServiceRole.Api : ServiceRole.All), scriptPath, [.. rest])
        {
            RoleGiven = role is not null || verb == StartupVerb.AdminResetKey,
            Email = email?.Trim(),
        };
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
    AdminResetKey,
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
