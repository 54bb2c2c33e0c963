using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Tests.Clubs;

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

    protected Task<long> ActivitiesOfAsync(Guid runnerId) =>
        server.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId);
}

internal sealed record TestClub(Guid Id, string AdminKey, Guid MemberId, string MemberKey, string MemberEmail, Guid ManagedId, string ManagedExternalId);
