using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Runners;

public sealed class RunnerApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_runner_and_returns_a_prefixed_key_that_authenticates()
    {
        (JsonElement runner, string key) = await CreateRunnerAsync("Ada Lovelace", "Ada@Example.org", "Europe/London");

        Assert.StartsWith("rr_", key, StringComparison.Ordinal);
        Assert.Equal(46, key.Length); // "rr_" + 43 base64url characters = 256 random bits
        Assert.Equal("ada@example.org", runner.GetProperty("email").GetString());

        using HttpResponseMessage me = await server.Client.SendAsync(server.Request(HttpMethod.Get, "/api/runners/me", key), Cancel);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        JsonElement profile = await me.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(runner.GetProperty("id").GetGuid(), profile.GetProperty("id").GetGuid());
        Assert.Equal("Ada Lovelace", profile.GetProperty("name").GetString());
        Assert.Equal("Europe/London", profile.GetProperty("timeZone").GetString());
        Assert.False(profile.TryGetProperty("apiKey", out _));
    }

    [Fact]
    public async Task Stores_only_the_sha256_of_the_key()
    {
        (JsonElement runner, string key) = await CreateRunnerAsync("Hash Check", "hash@example.org", "UTC");

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT row_to_json(r)::text, api_key_hash FROM runrecovery.runners r WHERE id = $1", connection)
        {
            Parameters = { new() { Value = runner.GetProperty("id").GetGuid() } },
        };
        await using NpgsqlDataReader row = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await row.ReadAsync(Cancel));
        Assert.DoesNotContain(key, row.GetString(0), StringComparison.Ordinal);
        Assert.DoesNotContain(key[3..], row.GetString(0), StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(key)), (byte[])row[1]);
    }

    [Fact]
    public async Task Two_runners_get_different_keys()
    {
        (_, string first) = await CreateRunnerAsync("First", "first@example.org", "UTC");
        (_, string second) = await CreateRunnerAsync("Second", "second@example.org", "UTC");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Answers_401_problem_when_no_key_is_sent()
    {
        using HttpResponseMessage response = await server.Client.SendAsync(server.Request(HttpMethod.Get, "/api/runners/me"), Cancel);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.Select(header => header.Scheme));
    }

    [Theory]
    [InlineData("Bearer rr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // well-formed, never issued
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Answers_401_problem_for_an_invalid_key(string authorization)
    {
        using HttpRequestMessage request = server.Request(HttpMethod.Get, "/api/runners/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using HttpResponseMessage response = await server.Client.SendAsync(request, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Rotating_the_key_stops_the_old_one_working()
    {
        (JsonElement runner, string oldKey) = await CreateRunnerAsync("Rotator", "rotator@example.org", "America/New_York");

        using HttpResponseMessage rotated = await server.Client.SendAsync(server.Request(HttpMethod.Post, "/api/runners/me/keys", oldKey), Cancel);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        string newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;
        Assert.StartsWith("rr_", newKey, StringComparison.Ordinal);
        Assert.NotEqual(oldKey, newKey);

        using HttpResponseMessage withOld = await server.Client.SendAsync(server.Request(HttpMethod.Get, "/api/runners/me", oldKey), Cancel);
        await withOld.ReadProblemAsync(HttpStatusCode.Unauthorized);

        using HttpResponseMessage withNew = await server.Client.SendAsync(server.Request(HttpMethod.Get, "/api/runners/me", newKey), Cancel);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(runner.GetProperty("id").GetGuid(), (await withNew.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Rejects_invalid_fields_with_a_validation_problem_naming_each()
    {
        using HttpResponseMessage response = await server.Client.PostAsJsonAsync(
            "/api/runners", new { name = " ", email = "not-an-email", timeZone = "Mars/Olympus_Mons" }, Cancel);

        JsonElement problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        JsonElement errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("timeZone", out _));
    }

    [Fact]
    public async Task Rejects_a_second_runner_with_the_same_email_ignoring_case()
    {
        await CreateRunnerAsync("Original", "twin@example.org", "UTC");

        using HttpResponseMessage response = await server.Client.PostAsJsonAsync(
            "/api/runners", new { name = "Copy", email = "TWIN@example.org", timeZone = "UTC" }, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Answers_400_problem_for_an_unreadable_body()
    {
        using var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await server.Client.PostAsync("/api/runners", content, Cancel);

        JsonElement problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Answers_404_problem_for_an_unknown_route()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/api/nothing-here", Cancel);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(JsonElement Runner, string ApiKey)> CreateRunnerAsync(string name, string email, string timeZone)
    {
        using HttpResponseMessage response = await server.Client.PostAsJsonAsync("/api/runners", new { name, email, timeZone }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (body.GetProperty("runner"), body.GetProperty("apiKey").GetString()!);
    }
}
