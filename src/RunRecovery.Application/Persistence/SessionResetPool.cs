using Npgsql;

namespace RunRecovery.Application.Persistence;

/// <summary>
/// The service's own pool skips Npgsql's session reset when a connection is reused (<c>No Reset On Close</c>; the
/// code on it leaves no session state behind). Connections that do hold session state, which must not outlive their
/// user, come from this pool instead: the same server and settings with the reset on (a different connection string,
/// so a pool of its own). Its users: session advisory locks (<c>RunAlone</c>: <c>pg_advisory_unlock_all()</c> is among
/// the reset statements) and Hangfire's storage, which LISTENs on pooled connections (<c>UNLISTEN *</c>).
/// docs/reliability.md, "Scale-out", fifth pass.
/// </summary>
public static class SessionResetPool
{
    public static string ConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString;
}
