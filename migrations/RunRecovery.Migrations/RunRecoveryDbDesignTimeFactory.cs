using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Migrations;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service.
/// Adding a migration needs no database; <c>dotnet ef database update</c> uses RUNRECOVERY_CONNECTION.
/// </summary>
public sealed class RunRecoveryDbDesignTimeFactory : IDesignTimeDbContextFactory<RunRecoveryDb>
{
    public RunRecoveryDb CreateDbContext(string[] args)
    {
        string connectionString = Environment.GetEnvironmentVariable("RUNRECOVERY_CONNECTION")
            ?? MigrationScript.OfflineConnectionString;
        var options = new DbContextOptionsBuilder<RunRecoveryDb>();
        RunRecoveryDb.Configure(options, connectionString);
        return new RunRecoveryDb(options.Options);
    }
}
