using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Migrations;

/// <summary>The idempotent SQL script of every migration, as committed under migrations/sql/.</summary>
public static class MigrationScript
{
    /// <summary>Where the committed script lives, relative to the repository root.</summary>
    public const string RelativePath = "migrations/sql/runrecovery.sql";

    /// <summary>Scripting needs a provider but no server: nothing connects to this.</summary>
    internal const string OfflineConnectionString = "Host=localhost;Database=runrecovery";

    public static string Generate()
    {
        var options = new DbContextOptionsBuilder<RunRecoveryDb>();
        RunRecoveryDb.Configure(options, OfflineConnectionString);
        using var db = new RunRecoveryDb(options.Options);
        string script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        return script.ReplaceLineEndings("\n");
    }
}
