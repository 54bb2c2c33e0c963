using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace RunRecovery.Application.Persistence;

/// <summary>
/// The application's tables, all in the <c>runrecovery</c> schema with snake_case names; also the store of ASP.NET
/// Core Data Protection's key ring (dashboard sessions survive a restart and are shared by every API process).
/// </summary>
public sealed class RunRecoveryDb(DbContextOptions<RunRecoveryDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "runrecovery";

    /// <summary>The assembly that holds the migrations (migrations/RunRecovery.Migrations).</summary>
    public const string MigrationsAssembly = "RunRecovery.Migrations";

    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<Runner> Runners => Set<Runner>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityContent> ActivityContents => Set<ActivityContent>();

    public DbSet<RunnerScoring> RunnerScoring => Set<RunnerScoring>();

    public DbSet<RunnerSettings> RunnerSettings => Set<RunnerSettings>();

    public DbSet<Checkin> Checkins => Set<Checkin>();

    public DbSet<StoredRecommendation> Recommendations => Set<StoredRecommendation>();

    public DbSet<Club> Clubs => Set<Club>();

    public DbSet<ClubMember> ClubMembers => Set<ClubMember>();

    public DbSet<ClubInvite> ClubInvites => Set<ClubInvite>();

    public DbSet<ClubImport> ClubImports => Set<ClubImport>();

    public DbSet<ClubImportEntry> ClubImportEntries => Set<ClubImportEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    /// <summary>
    /// The one place that says how this context talks to PostgreSQL: used by the service,
    /// the design-time factory and the tests, so all three produce the same model and SQL.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(MigrationsAssembly)
                .MigrationsHistoryTable(MigrationsHistoryTable, Schema))
            .UseSnakeCaseNamingConvention();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RunRecoveryDb).Assembly);
    }
}
