using RunRecovery.Api.Database;

namespace RunRecovery.Api.Tests.Database;

public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("runrecovery-bin-test-").FullName;

    [Fact]
    public void Finds_nothing_when_neither_path_nor_debian_folder_has_initdb_and_pg_ctl()
    {
        string onlyInitdb = Folder("path-a", "initdb");

        Assert.Null(LocalPostgres.FindBinaries(onlyInitdb, Path.Combine(_root, "no-such-folder")));
    }

    [Fact]
    public void Prefers_path_then_the_newest_debian_version()
    {
        string debianRoot = Path.Combine(_root, "postgresql");
        Folder("postgresql/9/bin", "initdb", "pg_ctl");
        string newest = Folder("postgresql/17/bin", "initdb", "pg_ctl");
        Folder("postgresql/15/bin", "initdb", "pg_ctl");
        string onPath = Folder("usr-local-bin", "initdb", "pg_ctl");

        Assert.Equal(newest, LocalPostgres.FindBinaries(Folder("empty"), debianRoot));
        Assert.Equal(onPath, LocalPostgres.FindBinaries($"{Folder("empty")}{Path.PathSeparator}{onPath}", debianRoot));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string relative, params string[] files)
    {
        string folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        foreach (string file in files)
        {
            File.WriteAllText(Path.Combine(folder, file), "");
        }

        return folder;
    }
}
