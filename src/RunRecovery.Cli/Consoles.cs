using Spectre.Console;

namespace RunRecovery.Cli;

/// <summary>A Spectre console over any writer: colours on a terminal, plain wide text when redirected or in tests.</summary>
public static class Consoles
{
    /// <summary>True when <paramref name="output"/> is the process's own, unredirected standard output.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public static IAnsiConsole For(TextWriter output)
    {
        bool terminal = IsTerminal(output);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
