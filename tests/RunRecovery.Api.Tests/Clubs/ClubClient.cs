using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RunRecovery.Api.Tests.Clubs;

/// <summary>The club API over real HTTP, as the tests use it: runners, clubs, invites, managed runners.</summary>
internal sealed class ClubClient(HttpClient client)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public HttpClient Http => client;

    public async Task<(Guid Id, string Key)> CreateRunnerAsync(string email, string name = "Runner")
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/runners", new { name, email, timeZone = "UTC" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (body.GetProperty("runner").GetProperty("id").GetGuid(), body.GetProperty("apiKey").GetString()!);
    }

    public async Task<Guid> CreateClubAsync(string key, string name = "Harriers")
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "/api/clubs", key, new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
    }

    public async Task<string> InviteAsync(string key, Guid clubId, int maxUses = 5)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/invites", key, new { maxUses });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString()!;
    }

    public async Task JoinAsync(string key, string code)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "/api/clubs/join", key, new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A club with an admin and one joined member (an account with a key).</summary>
    public async Task<(Guid ClubId, string AdminKey, Guid MemberId, string MemberKey)> ClubWithMemberAsync(string prefix)
    {
        (_, string admin) = await CreateRunnerAsync($"{prefix}-admin@example.org", "Coach");
        Guid club = await CreateClubAsync(admin, $"{prefix} club");
        (Guid memberId, string member) = await CreateRunnerAsync($"{prefix}-member@example.org", "Member");
        await JoinAsync(member, await InviteAsync(admin, club));
        return (club, admin, memberId, member);
    }

    public async Task<JsonElement> AddManagedAsync(string key, Guid clubId, string name, string? email = null, string? externalId = null)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, $"/api/clubs/{clubId}/managed-runners", key, new { name, email, externalId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request, Cancel);
    }
}
