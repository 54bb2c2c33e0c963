using Microsoft.EntityFrameworkCore;
using RunRecovery.Application.Persistence;
using RunRecovery.Migrations;

namespace RunRecovery.Api.Tests.Database;

public sealed class MigrationScriptTests
{
    [Fact]
    public void Committed_sql_script_matches_the_migrations()
    {
        string path = Path.Combine(RepositoryRoot(), MigrationScript.RelativePath);
        Assert.True(File.Exists(path), $"{MigrationScript.RelativePath} is missing.");

        string committed = File.ReadAllText(path).ReplaceLineEndings("\n");

        Assert.True(
            committed == MigrationScript.Generate(),
            $"{MigrationScript.RelativePath} is stale: run `dotnet run --project src/RunRecovery.Api -- script {MigrationScript.RelativePath}` and commit it.");
    }

    [Fact]
    public void Migrations_cover_the_current_model()
    {
        using RunRecoveryDb db = new RunRecoveryDbDesignTimeFactory().CreateDbContext([]);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The model has changes no migration covers: run `dotnet dotnet-ef migrations add <Name> --project migrations/RunRecovery.Migrations`.");
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunRecovery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RunRecovery.sln not found above the test binaries.");
    }
}
