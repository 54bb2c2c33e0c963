using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RunRecovery.Api.Database;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own binaries (initdb, pg_ctl): data in
/// <c>{root}/data</c>, a generated password in <c>{root}/password</c>, the server log in
/// <c>{root}/postgres.log</c>. It listens on 127.0.0.1 only, on a port that is free at start,
/// with no Unix socket. Start reuses existing data; Stop shuts the server down (fast mode).
/// PostgreSQL refuses to run as root, so as root every command runs as the <c>postgres</c> user
/// and the folder is handed to that user.
/// </summary>
internal sealed class EmbeddedPostgresCluster : IAsyncDisposable
{
    public const string DatabaseName = "runrecovery";
    public const string UserName = "runrecovery";

    private readonly string _bin;
    private readonly ILogger _logger;
    private bool _running;

    private EmbeddedPostgresCluster(string root, string bin, ILogger logger)
    {
        Root = root;
        _bin = bin;
        _logger = logger;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public int Port { get; private set; }

    public string ConnectionString { get; private set; } = "";

    /// <summary>Starts (creating first if needed) the cluster under <paramref name="root"/>.</summary>
    /// <param name="fastAndUnsafe">Turns off fsync and friends: for throwaway test clusters only.</param>
    public static async Task<EmbeddedPostgresCluster> StartAsync(
        string root, ILogger logger, bool fastAndUnsafe, CancellationToken cancellationToken)
    {
        string bin = LocalPostgres.FindBinaries() ?? throw new DatabaseStartupException(
            "No database is configured and no PostgreSQL binaries (initdb, pg_ctl) were found on PATH or under "
            + "/usr/lib/postgresql/*/bin. Install PostgreSQL (apt-get install postgresql), or point the service at a server "
            + "with ConnectionStrings:RunRecovery / RUNRECOVERY_CONNECTION, or start one with 'docker compose up -d db'.");

        var cluster = new EmbeddedPostgresCluster(Path.GetFullPath(root), bin, logger);
        await cluster.StartAsync(fastAndUnsafe, cancellationToken);
        return cluster;
    }

    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        int? serverPid = ServerPid();
        (int exit, string output) = await LocalPostgres.RunToolAsync(_bin, "pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-s"], CancellationToken.None);
        if (exit != 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            _logger.LogWarning("Stopping the embedded PostgreSQL cluster failed: {Output}", output.Trim());
            return;
        }

        // pg_ctl returns once postmaster.pid is gone, which the server removes on its way out, a moment before it
        // has exited; wait for the process too (up to 10 s), so "stopped" means no server is left (seen under load).
        for (int waited = 0; serverPid is int pid && LocalPostgres.IsPostgresProcess(pid) && waited < 200; waited++)
        {
            await Task.Delay(50);
        }

        _logger.LogInformation("Embedded PostgreSQL cluster stopped");
    }

    /// <summary>The server's process id from the first line of postmaster.pid, when the file is there and reads.</summary>
    private int? ServerPid()
    {
        try
        {
            string? first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Stops the server the way an outage would (<paramref name="mode"/> is pg_ctl's: "fast" ends sessions cleanly,
    /// "immediate" kills them like a crash), keeping the data, for <see cref="ResumeAsync"/> to start it again on
    /// the same port. For fault tests (docs/reliability.md, "Database faults").
    /// </summary>
    public async Task InterruptAsync(string mode, CancellationToken cancellationToken)
    {
        (int exit, string output) = await LocalPostgres.RunToolAsync(_bin, "pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60", "-s"], cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop -m {mode} failed: {output.Trim()}");
        }

        _running = false;
    }

    /// <summary>Starts the server again after <see cref="InterruptAsync"/>, on the same port, so clients reconnect unchanged.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        (int exit, string output) = await LocalPostgres.RunToolAsync(
            _bin,
            "pg_ctl",
            ["start", "-D", DataDirectory, "-l", Path.Combine(Root, "postgres.log"), "-w", "-t", "60", "-s", "-o", $"-p {Port}"],
            cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"pg_ctl start on port {Port} failed: {output.Trim()}");
        }

        _running = true;
    }

    private async Task StartAsync(bool fastAndUnsafe, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        string passwordFile = Path.Combine(Root, "password");
        bool fresh = !File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));
        if (fresh)
        {
            await InitialiseAsync(passwordFile, fastAndUnsafe, cancellationToken);
        }
        else
        {
            await ClearLeftoverServerAsync(cancellationToken);
        }

        string password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();

        // A port free now may be taken before the server binds it; try a few.
        for (int attempt = 1; ; attempt++)
        {
            Port = LocalPostgres.FreeLoopbackPort();
            (int exit, string output) = await LocalPostgres.RunToolAsync(
                _bin,
                "pg_ctl",
                ["start", "-D", DataDirectory, "-l", Path.Combine(Root, "postgres.log"), "-w", "-t", "60", "-s", "-o", $"-p {Port}"],
                cancellationToken);
            if (exit == 0)
            {
                break;
            }

            if (attempt == 3)
            {
                throw new DatabaseStartupException(
                    $"The embedded PostgreSQL cluster in {DataDirectory} did not start: {output.Trim()} (see {Path.Combine(Root, "postgres.log")}).");
            }
        }

        _running = true;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = UserName,
            Password = password,
            Database = DatabaseName,
        }.ConnectionString;

        await CreateDatabaseIfMissingAsync(cancellationToken);
        _logger.LogInformation(
            "Embedded PostgreSQL cluster {State} in {DataDirectory}, listening on 127.0.0.1:{Port}",
            fresh ? "created" : "started", DataDirectory, Port);
    }

    private async Task InitialiseAsync(string passwordFile, bool fastAndUnsafe, CancellationToken cancellationToken)
    {
        // A data folder without PG_VERSION is a half-finished initdb (or a stray folder): initdb needs it gone.
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        await HandToServiceUserAsync(cancellationToken);
        (int exit, string output) = await LocalPostgres.RunToolAsync(
            _bin,
            "initdb",
            ["-D", DataDirectory, "-U", UserName, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"],
            cancellationToken);
        if (exit != 0)
        {
            throw new DatabaseStartupException($"initdb failed for {DataDirectory}: {LastLines(output)}");
        }

        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# Added by RunRecovery: loopback TCP only (the port is given at start), no Unix socket.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine("unix_socket_directories = ''")
            .AppendLine("max_connections = 200");
        if (fastAndUnsafe)
        {
            settings.AppendLine("# Throwaway test cluster: durability traded for speed.")
                .AppendLine("fsync = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("full_page_writes = off");
        }

        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings.ToString(), cancellationToken);
    }

    /// <summary>
    /// After a crash postmaster.pid may remain. If its process is still a live postgres (this service was
    /// killed without stopping it), stop that server; otherwise the file is stale and is removed, since its
    /// PID may have been reused by an unrelated process and PostgreSQL would then refuse to start.
    /// </summary>
    private async Task ClearLeftoverServerAsync(CancellationToken cancellationToken)
    {
        string pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        string? firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, out int pid) && LocalPostgres.IsPostgresProcess(pid))
        {
            _logger.LogWarning("A PostgreSQL server (pid {Pid}) left running on {DataDirectory} is being stopped first", pid, DataDirectory);
            await LocalPostgres.RunToolAsync(_bin, "pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-s"], cancellationToken);
        }

        if (File.Exists(pidFile))
        {
            _logger.LogWarning("Removing stale {PidFile} left by a crash", pidFile);
            File.Delete(pidFile);
        }
    }

    private async Task CreateDatabaseIfMissingAsync(CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = DatabaseName } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task HandToServiceUserAsync(CancellationToken cancellationToken)
    {
        if (!LocalPostgres.IsRoot)
        {
            return;
        }

        (int exit, string output) = await LocalPostgres.ExecuteAsync("chown", ["-R", $"{LocalPostgres.ServiceUser}:", Root], cancellationToken);
        if (exit != 0)
        {
            throw new DatabaseStartupException($"Could not hand {Root} to the '{LocalPostgres.ServiceUser}' user (PostgreSQL refuses to run as root): {output.Trim()}");
        }

        (exit, _) = await LocalPostgres.ExecuteAsync("runuser", ["-u", LocalPostgres.ServiceUser, "--", "test", "-w", Root], cancellationToken);
        if (exit != 0)
        {
            throw new DatabaseStartupException(
                $"The '{LocalPostgres.ServiceUser}' user cannot reach {Root} (PostgreSQL refuses to run as root, so it runs as '{LocalPostgres.ServiceUser}'). "
                + "Choose a data folder every user can traverse with RunRecovery:EmbeddedDatabase:DataDirectory, e.g. /var/lib/runrecovery.");
        }
    }

    private static string LastLines(string output) =>
        string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
