using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Imports;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Tests.Authorization;

/// <summary>The service for the access matrix: its own import folder, no upload rate limit (one line uploads six times).</summary>
public sealed class AccessMatrixHost(TestPostgres postgres) : RunnerHost(postgres)
{
    public string ImportDirectory { get; } = Path.Combine(Path.GetTempPath(), "runrecovery-access-" + Guid.NewGuid().ToString("N"));

    protected override IEnumerable<string> Settings =>
        [$"--RunRecovery:Imports:StorageDirectory={ImportDirectory}", "--RunRecovery:Uploads:RateLimitPermits=0"];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(ImportDirectory))
        {
            Directory.Delete(ImportDirectory, recursive: true);
        }
    }
}

/// <summary>
/// One fresh set of callers and A's resources, built over HTTP for each line of the matrix: runner A (member of club
/// C, with an activity, a check-in and an open recommendation; A's first key revoked by rotation), runner B, C's
/// admin, and the admin of club D; an import of club C (queued) and an invite code to club C.
/// </summary>
public sealed class AccessWorld
{
    private readonly Dictionary<Caller, string?> _keys = [];
    private readonly Dictionary<Caller, Guid> _ids = [];
    private int _sequence;

    private AccessWorld(HttpClient client) => Client = client;

    /// <summary>No cookie container: a cookie from one cell must never authenticate the next.</summary>
    public HttpClient Client { get; }

    public string AEmail { get; private set; } = "";

    public Guid ClubId { get; private set; }

    /// <summary>Club D, administered by <see cref="Caller.OtherAdmin"/>.</summary>
    public Guid OtherClubId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid RecommendationId { get; private set; }

    public Guid ImportId { get; private set; }

    public string InviteCode { get; private set; } = "";

    /// <summary>Strings of A's private data: no other caller's successful response may contain any of them.</summary>
    public IReadOnlyList<string> APrivateMarkers => [ActivityId.ToString(), RecommendationId.ToString(), _ids[Caller.RunnerA].ToString(), AEmail];

    /// <summary>A's membership in club C and the import: only C's admin (and A) may see them.</summary>
    public IReadOnlyList<string> AClubMarkers => [ClubId.ToString(), ImportId.ToString()];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Guid IdOf(Caller caller) => _ids[caller];

    public string? KeyOf(Caller caller) => _keys[caller];

    public static async Task<AccessWorld> CreateAsync(AccessMatrixHost host)
    {
        var world = new AccessWorld(new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = host.Client.BaseAddress,
        });
        world._keys[Caller.Anonymous] = null;
        foreach (Caller caller in new[] { Caller.RunnerA, Caller.RunnerB, Caller.ClubAdmin, Caller.OtherAdmin })
        {
            string email = $"{caller}-{Guid.NewGuid():N}@example.org".ToLowerInvariant();
            (Guid id, string key) = await world.CreateRunnerAsync(email);
            world._ids[caller] = id;
            world._keys[caller] = key;
            if (caller == Caller.RunnerA)
            {
                world.AEmail = email;
            }
        }

        world.ClubId = await world.PostForIdAsync(Caller.ClubAdmin, "/api/clubs", new { name = "Club C" }, HttpStatusCode.Created);
        world.OtherClubId = await world.PostForIdAsync(Caller.OtherAdmin, "/api/clubs", new { name = "Club D" }, HttpStatusCode.Created);
        string joinA = await world.InviteAsync(1);
        using (HttpResponseMessage join = await world.SendAsync(Caller.RunnerA, HttpMethod.Post, "/api/clubs/join", JsonContent.Create(new { code = joinA })))
        {
            Assert.Equal(HttpStatusCode.OK, join.StatusCode);
        }

        world.InviteCode = await world.InviteAsync(10);

        world.ActivityId = await Activities.UploadTests.CreatedIdAsync(
            await world.SendAsync(Caller.RunnerA, HttpMethod.Post, "/api/activities", world.NextFit()));

        await host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(world._ids[Caller.RunnerA]), Cancel));
        using (HttpResponseMessage queue = await world.SendAsync(Caller.RunnerA, HttpMethod.Get, "/api/runners/me/recommendations"))
        {
            world.RecommendationId = JsonDocument.Parse(await queue.Content.ReadAsStringAsync(Cancel)).RootElement[0].GetProperty("id").GetGuid();
        }

        using (HttpResponseMessage checkin = await world.SendAsync(Caller.RunnerA, HttpMethod.Post, "/api/runners/me/checkins", world.CheckinBody()))
        {
            Assert.Equal(HttpStatusCode.Created, checkin.StatusCode);
        }

        using (HttpResponseMessage import = await world.SendAsync(Caller.ClubAdmin, HttpMethod.Post, $"/api/clubs/{world.ClubId}/imports", world.Archive()))
        {
            Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
            world.ImportId = JsonDocument.Parse(await import.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetGuid();
        }

        using (HttpResponseMessage rotated = await world.SendAsync(Caller.RunnerA, HttpMethod.Post, "/api/runners/me/keys"))
        {
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
            world._keys[Caller.RevokedKey] = world._keys[Caller.RunnerA];
            world._keys[Caller.RunnerA] = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("apiKey").GetString();
            world._ids[Caller.RevokedKey] = world._ids[Caller.RunnerA];
        }

        return world;
    }

    /// <summary>The path with A's resources in place of the route's parameters.</summary>
    public string PathFor(string route) => route
        .Replace("{clubId:guid}", ClubId.ToString(), StringComparison.Ordinal)
        .Replace("{importId:guid}", ImportId.ToString(), StringComparison.Ordinal)
        .Replace("/api/activities/{id:guid}", $"/api/activities/{ActivityId}", StringComparison.Ordinal)
        .Replace("recommendations/{id:guid}", $"recommendations/{RecommendationId}", StringComparison.Ordinal)
        .Replace("{name}", "checkin.schema.json", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{documentName?}", "v1", StringComparison.Ordinal);

    public async Task<HttpResponseMessage> SendAsync(Caller caller, HttpMethod method, string path, HttpContent? content = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (_keys[caller] is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await Client.SendAsync(request, Cancel);
    }

    public async Task<(Guid Id, string Key)> CreateRunnerAsync(string email)
    {
        using HttpResponseMessage response = await Client.PostAsJsonAsync("/api/runners", new { name = "Runner", email, timeZone = "UTC" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (body.GetProperty("runner").GetProperty("id").GetGuid(), body.GetProperty("apiKey").GetString()!);
    }

    /// <summary>A new runner's email and recovery code (one per cell: a code is spent by its first use).</summary>
    public async Task<JsonContent> RecoveryBodyAsync()
    {
        string email = $"recover-{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage response = await Client.PostAsJsonAsync("/api/runners", new { name = "Runner", email, timeZone = "UTC" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        string code = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("recoveryCode").GetString()!;
        return JsonContent.Create(new { email, recoveryCode = code });
    }

    /// <summary>A new claim code for a managed runner of club C (one per cell: a code is spent by its first use).</summary>
    public async Task<string> ClaimCodeAsync()
    {
        using HttpResponseMessage response = await SendAsync(
            Caller.ClubAdmin, HttpMethod.Post, $"/api/clubs/{ClubId}/managed-runners", JsonContent.Create(new { name = $"Managed {++_sequence}" }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("claimCode").GetString()!;
    }

    /// <summary>A FIT run on a day of its own, so no upload of the line is a duplicate of another.</summary>
    public ByteArrayContent NextFit()
    {
        var content = new ByteArrayContent(SyntheticRuns.Fit(SyntheticRuns.HoursAgo(2 + (24 * _sequence++)), 60));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
        return content;
    }

    public JsonContent CheckinBody() => JsonContent.Create(new { date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), bodyPart = "calves", soreness = 2 });

    public ByteArrayContent Archive()
    {
        var content = new ByteArrayContent(new ClubArchive().Add($"{AEmail}/run-{++_sequence}.fit", ClubArchive.Fit(_sequence)).Build());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }

    private async Task<string> InviteAsync(int maxUses)
    {
        using HttpResponseMessage response = await SendAsync(Caller.ClubAdmin, HttpMethod.Post, $"/api/clubs/{ClubId}/invites", JsonContent.Create(new { maxUses }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("code").GetString()!;
    }

    private async Task<Guid> PostForIdAsync(Caller caller, string path, object body, HttpStatusCode expected)
    {
        using HttpResponseMessage response = await SendAsync(caller, HttpMethod.Post, path, JsonContent.Create(body));
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetGuid();
    }
}
