namespace RunRecovery.Api.Tests.LoadInputs;

/// <summary>The version-1 rows in Version1/ (see its README).</summary>
internal static class LoadInputsFixtures
{
    public static readonly string[] Version1Names = ["run", "brick", "relative"];

    public static string Version1(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "LoadInputs", "Version1", name + ".json"));
}
