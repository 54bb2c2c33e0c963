using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Clubs;

public sealed class ClubApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ClubClient Api => new(server.Client);

    [Fact]
    public async Task Creator_becomes_admin_and_sees_the_club()
    {
        (_, string key) = await Api.CreateRunnerAsync("creator@example.org");
        Guid clubId = await Api.CreateClubAsync(key, "Tuesday Harriers");

        using HttpResponseMessage response = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}", key);
        JsonElement club = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Tuesday Harriers", club.GetProperty("name").GetString());
        Assert.Equal("admin", club.GetProperty("role").GetString());
        Assert.Equal(1, club.GetProperty("memberCount").GetInt32());

        using HttpResponseMessage mine = await Api.SendAsync(HttpMethod.Get, "/api/clubs", key);
        Assert.Equal(clubId, Assert.Single((await mine.Content.ReadFromJsonAsync<JsonElement>(Cancel)).EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Invite_code_joins_as_member_until_its_uses_run_out()
    {
        (_, string admin) = await Api.CreateRunnerAsync("inv-admin@example.org");
        Guid clubId = await Api.CreateClubAsync(admin);
        string code = await Api.InviteAsync(admin, clubId, maxUses: 1);
        (_, string first) = await Api.CreateRunnerAsync("inv-first@example.org");
        (_, string second) = await Api.CreateRunnerAsync("inv-second@example.org");

        await Api.JoinAsync(first, code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)); // typed loosely
        using HttpResponseMessage club = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}", first);
        JsonElement body = await club.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("member", body.GetProperty("role").GetString());
        Assert.Equal(2, body.GetProperty("memberCount").GetInt32());

        using HttpResponseMessage usedUp = await Api.SendAsync(HttpMethod.Post, "/api/clubs/join", second, new { code });
        JsonElement problem = await usedUp.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("used", problem.GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);

        using HttpResponseMessage again = await Api.SendAsync(HttpMethod.Post, "/api/clubs/join", first, new { code = await Api.InviteAsync(admin, clubId) });
        await again.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Expired_and_unknown_codes_do_not_join()
    {
        (_, string admin) = await Api.CreateRunnerAsync("exp-admin@example.org");
        Guid clubId = await Api.CreateClubAsync(admin);
        string code = await Api.InviteAsync(admin, clubId);
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(Cancel);
            await using var expire = new NpgsqlCommand("UPDATE runrecovery.club_invites SET expires_at = now() - interval '1 minute' WHERE club_id = $1", connection)
            {
                Parameters = { new() { Value = clubId } },
            };
            Assert.Equal(1, await expire.ExecuteNonQueryAsync(Cancel));
        }

        (_, string runner) = await Api.CreateRunnerAsync("exp-runner@example.org");
        using HttpResponseMessage expired = await Api.SendAsync(HttpMethod.Post, "/api/clubs/join", runner, new { code });
        Assert.Contains("expired", (await expired.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        using HttpResponseMessage unknown = await Api.SendAsync(HttpMethod.Post, "/api/clubs/join", runner, new { code = "0000-0000-0000-0000" });
        await unknown.ReadProblemAsync(HttpStatusCode.BadRequest);
        using HttpResponseMessage club = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}", runner);
        await club.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Members_can_leave_but_the_last_admin_cannot_while_others_remain()
    {
        (Guid clubId, string admin, _, string member) = await Api.ClubWithMemberAsync("leave");

        using HttpResponseMessage adminLeaves = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{clubId}/members/me", admin);
        await adminLeaves.ReadProblemAsync(HttpStatusCode.Conflict);

        using HttpResponseMessage memberLeaves = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{clubId}/members/me", member);
        Assert.Equal(HttpStatusCode.NoContent, memberLeaves.StatusCode);
        using HttpResponseMessage gone = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}", member);
        await gone.ReadProblemAsync(HttpStatusCode.NotFound);

        using HttpResponseMessage lastLeaves = await Api.SendAsync(HttpMethod.Delete, $"/api/clubs/{clubId}/members/me", admin);
        Assert.Equal(HttpStatusCode.NoContent, lastLeaves.StatusCode);
        using HttpResponseMessage clubGone = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}", admin);
        await clubGone.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Managed_runner_claims_the_account_once_with_the_claim_code()
    {
        (_, string admin) = await Api.CreateRunnerAsync("managed-admin@example.org");
        Guid clubId = await Api.CreateClubAsync(admin);
        JsonElement managed = await Api.AddManagedAsync(admin, clubId, "Grace", email: "grace@example.org", externalId: "M-0042");
        Guid runnerId = managed.GetProperty("runnerId").GetGuid();
        string claimCode = managed.GetProperty("claimCode").GetString()!;

        using HttpResponseMessage claimed = await Api.SendAsync(HttpMethod.Post, "/api/clubs/claim", null, new { code = claimCode });
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        JsonElement account = await claimed.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(runnerId, account.GetProperty("runner").GetProperty("id").GetGuid());
        string key = account.GetProperty("apiKey").GetString()!;

        using HttpResponseMessage me = await Api.SendAsync(HttpMethod.Get, "/api/runners/me", key);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using HttpResponseMessage club = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}", key);
        Assert.Equal("member", (await club.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("role").GetString());

        using HttpResponseMessage twice = await Api.SendAsync(HttpMethod.Post, "/api/clubs/claim", null, new { code = claimCode });
        await twice.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Managed_runner_with_a_taken_email_or_external_id_is_refused()
    {
        (_, string admin) = await Api.CreateRunnerAsync("dup-admin@example.org");
        Guid clubId = await Api.CreateClubAsync(admin);
        await Api.AddManagedAsync(admin, clubId, "First", externalId: "X1");

        using HttpResponseMessage sameId = await Api.SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", admin, new { name = "Second", externalId = "X1" });
        await sameId.ReadProblemAsync(HttpStatusCode.Conflict);
        using HttpResponseMessage hasAccount = await Api.SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", admin, new { name = "Me", email = "dup-admin@example.org" });
        await hasAccount.ReadProblemAsync(HttpStatusCode.Conflict);
        using HttpResponseMessage noName = await Api.SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", admin, new { name = "" });
        Assert.True((await noName.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_member_cannot_do_what_admins_do()
    {
        (Guid clubId, _, _, string member) = await Api.ClubWithMemberAsync("authz");

        using HttpResponseMessage invite = await Api.SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/invites", member, new { maxUses = 1 });
        await invite.ReadProblemAsync(HttpStatusCode.Forbidden);
        using HttpResponseMessage managed = await Api.SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", member, new { name = "Sneaky" });
        await managed.ReadProblemAsync(HttpStatusCode.Forbidden);
        using HttpResponseMessage coachView = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}/members", member);
        await coachView.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_clubs_admin_and_strangers_see_nothing()
    {
        (Guid clubId, _, _, _) = await Api.ClubWithMemberAsync("private");
        (_, string otherAdmin) = await Api.CreateRunnerAsync("other-admin@example.org");
        await Api.CreateClubAsync(otherAdmin, "Rivals");

        foreach ((HttpMethod method, string path, object? body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/clubs/{clubId}", null),
            (HttpMethod.Post, $"/api/clubs/{clubId}/invites", new { maxUses = 1 }),
            (HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", new { name = "X" }),
            (HttpMethod.Get, $"/api/clubs/{clubId}/members", null),
            (HttpMethod.Delete, $"/api/clubs/{clubId}/members/me", null),
            (HttpMethod.Get, $"/api/clubs/{clubId}/imports/{Guid.NewGuid()}", null),
            (HttpMethod.Delete, $"/api/clubs/{clubId}/imports/{Guid.NewGuid()}", null),
        })
        {
            using HttpResponseMessage response = await Api.SendAsync(method, path, otherAdmin, body);
            await response.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        using HttpResponseMessage anonymous = await Api.SendAsync(HttpMethod.Get, $"/api/clubs/{clubId}", null);
        await anonymous.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}
