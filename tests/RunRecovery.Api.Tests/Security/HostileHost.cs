using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// The real service with its default limits (50 MB files, 100 files per request, 1 MB JSON bodies), except the
/// upload rate limit, which is off so the matrix can send hundreds of requests with one key.
/// </summary>
public sealed class HostileHost(TestPostgres postgres) : RunnerHost(postgres)
{
    private Task<(Guid Id, string Key)>? _seeded;
    private Task<JsonContext>? _jsonContext;

    protected override IEnumerable<string> Settings => ["--RunRecovery:Uploads:RateLimitPermits=0"];

    /// <summary>One runner holding a stored run and a check-in: the data a hostile request must leave untouched.</summary>
    public Task<(Guid Id, string Key)> SeededRunnerAsync() => _seeded ??= SeedAsync();

    /// <summary>A runner who is admin of a club and has a scored plan (a recommendation to dismiss), for the JSON endpoints.</summary>
    public Task<JsonContext> JsonContextAsync() => _jsonContext ??= CreateJsonContextAsync();

    public Task<StoredState> StateAsync(Guid runnerId) => StoredState.ReadAsync(ConnectionString, runnerId);

    private async Task<JsonContext> CreateJsonContextAsync()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        (Guid runnerId, string key) = await CreateRunnerAsync();
        await UploadTests.CreatedIdAsync(await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2), 70, 3.3)));
        await InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), cancel));
        JsonElement queue = await GetJsonAsync("/api/runners/me/recommendations", key);
        Guid recommendation = queue.EnumerateArray().First().GetProperty("id").GetGuid();
        using HttpResponseMessage club = await SendAsync(HttpMethod.Post, "/api/clubs", key, JsonContent.Create(new { name = "Context club" }));
        Assert.Equal(HttpStatusCode.Created, club.StatusCode);
        Guid clubId = (await club.Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("id").GetGuid();
        return new JsonContext(key, clubId, recommendation);
    }

    private async Task<(Guid Id, string Key)> SeedAsync()
    {
        (Guid id, string key) = await CreateRunnerAsync();
        using HttpResponseMessage upload = await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 20), fileName: "seed.fit");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        using HttpResponseMessage checkin = await SendAsync(
            HttpMethod.Post, "/api/runners/me/checkins", key, JsonContent.Create(new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), bodyPart = "calves", soreness = 3, note = "seed" }));
        Assert.Equal(HttpStatusCode.Created, checkin.StatusCode);
        return (id, key);
    }
}

/// <summary>What every refusal must look like: the status, an RFC 9457 body with a type, a stable code, a message, no internals.</summary>
internal static class Refusals
{
    private static readonly string[] Internals = ["Exception", "   at ", "RunRecovery.", "Npgsql", "System.", "Microsoft."];

    public static async Task<JsonElement> AssertRefusedAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        JsonElement problem = await response.ReadProblemAsync(status);
        string body = problem.GetRawText();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()), body);
        if (code is not null)
        {
            Assert.True(problem.TryGetProperty("code", out JsonElement actual), $"no code in {body}");
            Assert.Equal(code, actual.GetString());
        }

        bool explained = (problem.TryGetProperty("detail", out JsonElement detail) && !string.IsNullOrWhiteSpace(detail.GetString()))
            || (problem.TryGetProperty("errors", out JsonElement errors) && errors.EnumerateObject().Any());
        Assert.True(explained, $"the problem does not say what was wrong: {body}");
        foreach (string word in Internals)
        {
            Assert.DoesNotContain(word, body, StringComparison.Ordinal);
        }

        return problem;
    }
}
