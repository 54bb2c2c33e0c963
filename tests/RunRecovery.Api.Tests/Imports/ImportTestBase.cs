using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RunRecovery.Api.Hosting;
using RunRecovery.Api.Tests.Clubs;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Imports;

/// <summary>Shared steps of the import tests: a club with members, an upload answered 202, the import read back.</summary>
public abstract class ImportTestBase(ImportServer server)
{
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected ImportServer Server => server;

    internal ClubClient Api => new(server.Client);

    /// <summary>An admin, a joined member (by email) and a managed runner known by external id only.</summary>
    internal async Task<TestClub> ClubAsync(string prefix)
    {
        (Guid club, string admin, Guid memberId, string memberKey) = await Api.ClubWithMemberAsync(prefix);
        JsonElement managed = await Api.AddManagedAsync(admin, club, "Managed " + prefix, externalId: $"{prefix}-M7");
        return new TestClub(club, admin, memberId, memberKey, $"{prefix}-member@example.org", managed.GetProperty("runnerId").GetGuid(), $"{prefix}-M7");
    }

    protected async Task<Guid> StartAsync(string key, Guid clubId, byte[] archive, bool multipart = false)
    {
        using HttpResponseMessage response = await server.UploadAsync(key, clubId, archive, multipart);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Guid id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/clubs/{clubId}/imports/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", body.GetProperty("state").GetString());
        return id;
    }

    /// <summary>
    /// Two worker-role hosts on the test database beside the api host, two Hangfire workers each (server names
    /// <paramref name="name"/>-0 and -1), stopped when the result is disposed.
    /// </summary>
    internal async Task<WorkerHosts> StartTwoWorkersAsync(string name)
    {
        var hosts = new WorkerHosts();
        try
        {
            for (int w = 0; w < 2; w++)
            {
                hosts.Add(await ApiServer.StartAsync(
                    server.ConnectionString, ServiceRole.Worker, [.. server.SharedSettings, "--RunRecovery:Worker:Count=2", $"--RunRecovery:Worker:ServerName={name}-{w}"], Cancel));
            }

            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>The import as read once its state is <c>completed</c>, polled every 100 ms until <paramref name="deadline"/>.</summary>
    protected async Task<JsonElement> CompletedAsync(string key, Guid clubId, Guid importId, CancellationToken deadline)
    {
        JsonElement import;
        while ((import = await server.GetImportAsync(key, clubId, importId)).GetProperty("state").GetString() != "completed")
        {
            await Task.Delay(100, deadline);
        }

        return import;
    }

    protected static void AssertCounts(JsonElement import, int seen, int imported, int duplicates, int skipped, int failed)
    {
        JsonElement counts = import.GetProperty("counts");
        Assert.Equal(
            (seen, imported, duplicates, skipped, failed),
            (counts.GetProperty("seen").GetInt32(), counts.GetProperty("imported").GetInt32(), counts.GetProperty("duplicates").GetInt32(),
             counts.GetProperty("skipped").GetInt32(), counts.GetProperty("failed").GetInt32()));
    }

    /// <summary>The problem reported for the entry whose path ends with <paramref name="pathEnd"/>.</summary>
    protected static JsonElement Problem(JsonElement import, string pathEnd) =>
        Assert.Single(import.GetProperty("problems").EnumerateArray(), problem => problem.GetProperty("path").GetString()!.EndsWith(pathEnd, StringComparison.Ordinal));

    /// <summary>The joined member's FIT files, then the managed runner's GPX files.</summary>
    internal static byte[] TwoMembers(TestClub club, int filesEach)
    {
        var archive = new ClubArchive();
        for (int i = 0; i < filesEach; i++)
        {
            archive.Add($"{club.MemberEmail}/{i}.fit", ClubArchive.Fit(i));
        }

        for (int i = 0; i < filesEach; i++)
        {
            archive.Add($"{club.ManagedExternalId}/{i}.gpx", ClubArchive.Gpx(i));
        }

        return archive.Build();
    }

    protected Task<long> ActivitiesOfAsync(Guid runnerId) =>
        server.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId);

    /// <summary>Holds the runner's scoring row lock (the upload and the import both take it) until disposed.</summary>
    protected async Task<NpgsqlConnection> BlockAsync(Guid runnerId)
    {
        var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO runrecovery.runner_scoring (runner_id, requested_version, scored_version, job_pending, requested_at, recomputes)
            VALUES ($1, 0, 0, false, now(), 0) ON CONFLICT (runner_id) DO NOTHING;
            BEGIN;
            SELECT 1 FROM runrecovery.runner_scoring WHERE runner_id = $1 FOR UPDATE;
            """.Replace("$1", $"'{runnerId}'", StringComparison.Ordinal),
            connection);
        await command.ExecuteNonQueryAsync(Cancel);
        return connection; // disposing the connection ends the transaction and frees the row
    }

    /// <summary>Inserts the entry row for <paramref name="ordinal"/> in an open transaction, until disposed (then rolled back).</summary>
    protected async Task<NpgsqlConnection> HoldEntryAsync(Guid importId, int ordinal)
    {
        var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            $"BEGIN; INSERT INTO runrecovery.club_import_entries (import_id, ordinal, path, outcome) VALUES ('{importId}', {ordinal}, 'held by the test', 'failed');",
            connection);
        await command.ExecuteNonQueryAsync(Cancel);
        return connection;
    }

    /// <summary>Waits (bounded) until the first member's files are recorded and the job waits on the held lock.</summary>
    protected async Task WaitUntilBlockedAsync(Guid importId, Task running, int firstMemberFiles)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (await Server.ScalarAsync("SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = $1", importId) < firstMemberFiles
            || await Server.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(running.IsCompleted, "the job ended before it reached the held lock");
            await Task.Delay(20, deadline.Token);
        }
    }
}

internal sealed record TestClub(Guid Id, string AdminKey, Guid MemberId, string MemberKey, string MemberEmail, Guid ManagedId, string ManagedExternalId);

/// <summary>Worker hosts a test started (<see cref="ImportTestBase.StartTwoWorkersAsync"/>), stopped on dispose.</summary>
internal sealed class WorkerHosts : IAsyncDisposable
{
    private readonly List<(RunRecoveryService Service, HttpClient Client)> _hosts = [];

    public void Add((RunRecoveryService Service, HttpClient Client) host) => _hosts.Add(host);

    public async ValueTask DisposeAsync()
    {
        foreach ((RunRecoveryService service, HttpClient client) in _hosts)
        {
            client.Dispose();
            await service.DisposeAsync();
        }

        _hosts.Clear();
    }
}
