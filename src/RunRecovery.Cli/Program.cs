namespace RunRecovery.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: runrecovery <command> (commands arrive with the inspect and plan issues)");
        return args.Length == 0 ? 2 : 2;
    }
}
