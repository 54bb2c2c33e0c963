using Npgsql;
using RunRecovery.Api.Database;

namespace RunRecovery.Api.Tests.Database;

/// <summary>
/// What the service adds to a connection string the operator left at Npgsql's defaults (docs/reliability.md,
/// "Database faults" and "Capacity, third pass"), and that an explicit setting always wins.
/// </summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void A_bare_connection_string_gets_the_outage_timeouts_and_prepared_statements()
    {
        var settings = new NpgsqlConnectionStringBuilder(RunRecoveryDatabase.WithResilienceDefaults("Host=db;Database=runrecovery;Username=u"));

        Assert.Equal(5, settings.Timeout);
        Assert.Equal(30, settings.KeepAlive);
        Assert.Equal(RunRecoveryDatabase.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.True(settings.MaxAutoPrepare > 0);
    }

    [Fact]
    public void Settings_the_operator_gave_are_kept()
    {
        var settings = new NpgsqlConnectionStringBuilder(RunRecoveryDatabase.WithResilienceDefaults(
            "Host=db;Database=runrecovery;Username=u;Timeout=9;Keepalive=7;Max Auto Prepare=3"));

        Assert.Equal(9, settings.Timeout);
        Assert.Equal(7, settings.KeepAlive);
        Assert.Equal(3, settings.MaxAutoPrepare);
    }
}
