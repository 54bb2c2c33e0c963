using RunRecovery.Api.Hosting;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class ScriptOutputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("script-output-").FullName;

    [Fact]
    public void A_relative_path_is_read_against_the_repository_root_when_run_from_the_project_folder()
    {
        File.WriteAllText(Path.Combine(_root, ScriptOutput.SolutionFile), "");
        string project = Directory.CreateDirectory(Path.Combine(_root, "src", "RunRecovery.Api")).FullName;

        Assert.Equal(
            Path.Combine(_root, "migrations", "sql", "runrecovery.sql"),
            ScriptOutput.Resolve("migrations/sql/runrecovery.sql", project));
    }

    [Fact]
    public void Outside_a_repository_a_relative_path_is_read_against_the_working_folder()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root, "published")).FullName;

        Assert.Equal(Path.Combine(folder, "out.sql"), ScriptOutput.Resolve("out.sql", folder));
    }

    [Fact]
    public void An_absolute_path_is_kept()
    {
        string path = Path.Combine(_root, "x.sql");

        Assert.Equal(path, ScriptOutput.Resolve(path, "/"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
