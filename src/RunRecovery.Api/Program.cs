using RunRecovery.Api.Database;
using RunRecovery.Api.Hosting;
using RunRecovery.Migrations;

// Before anything starts the thread pool: no yield-spinning on one processor (a CPU-capped worker).
ThreadPoolSpinning.TurnOffOnOneProcessor(Environment.ProcessorCount, Environment.GetEnvironmentVariable);

StartupCommand command;
try
{
    command = StartupCommand.Parse(args);
}
catch (StartupCommandException error)
{
    await Console.Error.WriteLineAsync($"{error.Message}\n{StartupCommand.Usage}");
    return 2;
}

switch (command.Verb)
{
    case StartupVerb.Help:
        Console.WriteLine(StartupCommand.Usage);
        return 0;
    case StartupVerb.Script:
        string script = MigrationScript.Generate();
        if (command.ScriptPath is null)
        {
            Console.Write(script);
        }
        else
        {
            string path = ScriptOutput.Resolve(command.ScriptPath, Environment.CurrentDirectory);
            try
            {
                await File.WriteAllTextAsync(path, script);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"Cannot write the migration script to {path}: {error.Message}");
                return 1;
            }

            Console.WriteLine($"Wrote the migration script to {path}.");
        }

        return 0;
}

try
{
    await using RunRecoveryService service = await RunRecoveryService.CreateAsync(command, CancellationToken.None);
    if (command.Verb == StartupVerb.Migrate)
    {
        return 0;
    }

    if (command.Verb == StartupVerb.AdminResetKey)
    {
        return await AdminCommands.ResetKeyAsync(service, command.Email!, Console.Out, Console.Error);
    }

    await service.StartAsync(CancellationToken.None);
    await service.App.WaitForShutdownAsync();
    return 0;
}
catch (DatabaseStartupException error)
{
    // One line a person can act on, not a stack trace.
    await Console.Error.WriteLineAsync($"RunRecovery cannot start: {error.Message}");
    return 1;
}
catch (StartupCommandException error)
{
    await Console.Error.WriteLineAsync($"{error.Message}\n{StartupCommand.Usage}");
    return 2;
}
