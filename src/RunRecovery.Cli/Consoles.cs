using Spectre.Console;

namespace RunRecovery.Cli;

/// <summary>A Spectre console over any writer: colours on a terminal, plain wide text when redirected or in tests.</summary>
public static class Consoles
{
    public static IAnsiConsole For(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
