using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Authorization;

/// <summary>
/// Every endpoint of the running host × every kind of caller (<see cref="AccessMatrix"/>): the status of each cell,
/// that no caller but A (and, for the club's data, C's admin) ever reads A's data, and that the table covers exactly
/// the endpoints the host has.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixHost host) : IClassFixture<AccessMatrixHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Lines => [.. AccessMatrix.Endpoints, .. AccessMatrix.Middleware];

    [Fact]
    public void Every_endpoint_of_the_host_has_exactly_one_line_and_every_line_an_endpoint()
    {
        HashSet<string> hosted = HostedEndpoints().ToHashSet(StringComparer.Ordinal);
        string[] rows = [.. AccessMatrix.Endpoints.Select(line => AccessMatrix.Parse(line).Key)];

        string[] missing = [.. hosted.Except(rows).Order(StringComparer.Ordinal)];
        string[] stale = [.. rows.Except(hosted).Order(StringComparer.Ordinal)];
        string[] twice = [.. rows.GroupBy(row => row).Where(group => group.Count() > 1).Select(group => group.Key)];
        Assert.True(missing.Length == 0, "Endpoints without a line in AccessMatrix (add their access rules):\n" + string.Join('\n', missing));
        Assert.True(stale.Length == 0, "AccessMatrix lines for endpoints the host does not have:\n" + string.Join('\n', stale));
        Assert.Empty(twice);
    }

    [Fact]
    public void Every_dashboard_page_has_a_line()
    {
        string wwwroot = Path.Combine(host.Service.App.Environment.WebRootPath);
        string[] pages = [.. Directory.GetFiles(wwwroot, "*.html").Select(file => "GET /" + Path.GetFileName(file)).Order(StringComparer.Ordinal)];
        string[] rows = [.. AccessMatrix.Middleware.Select(line => AccessMatrix.Parse(line).Key).Where(key => key.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        Assert.NotEmpty(pages);
        Assert.Equal(pages, rows);
    }

    [Fact]
    public void Docs_security_md_holds_the_same_table()
    {
        string document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md"));
        foreach (string line in AccessMatrix.Endpoints.Concat(AccessMatrix.Middleware))
        {
            AccessMatrix.Row row = AccessMatrix.Parse(line);
            string cells = string.Join(" | ", Enum.GetValues<Caller>().Select(caller => row.Expected[caller]));
            Assert.Contains($"| `{row.Method} {row.Route}` | {cells} |", document, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Each_caller_gets_the_expected_status_and_only_their_own_data(string line)
    {
        AccessMatrix.Row row = AccessMatrix.Parse(line);
        AccessWorld world = await AccessWorld.CreateAsync(host);
        var failures = new List<string>();

        foreach (Caller caller in AccessMatrix.RunOrder)
        {
            (int status, string body, string? problem) = await RunCellAsync(world, row, caller);
            int expected = row.Expected[caller];
            if (status != expected)
            {
                failures.Add($"{caller}: expected {expected}, got {status}: {Shorten(body)}");
                continue;
            }

            if (problem is not null)
            {
                failures.Add($"{caller}: {problem}");
            }

            if (status is >= 200 and < 300 && Leak(world, row, caller, body) is { } leaked)
            {
                failures.Add($"{caller}: the {status} response contains A's {leaked}: {Shorten(body)}");
            }
        }

        Assert.True(failures.Count == 0, $"{row.Key}\n" + string.Join('\n', failures));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Another_clubs_admin_naming_their_own_club_cannot_reach_club_Cs_import(string method)
    {
        AccessWorld world = await AccessWorld.CreateAsync(host);

        using HttpResponseMessage response = await world.SendAsync(Caller.OtherAdmin, new HttpMethod(method), $"/api/clubs/{world.OtherClubId}/imports/{world.ImportId}");
        using HttpResponseMessage owner = await world.SendAsync(Caller.ClubAdmin, HttpMethod.Get, $"/api/clubs/{world.ClubId}/imports/{world.ImportId}");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("queued", JsonDocument.Parse(await owner.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("state").GetString());
    }

    /// <summary>Which of A's data a caller's successful response may never contain.</summary>
    private static string? Leak(AccessWorld world, AccessMatrix.Row row, Caller caller, string body)
    {
        IEnumerable<string> forbidden = caller switch
        {
            Caller.RunnerA => [],
            // The coach's view lists A with readiness and the top due recommendation (docs/clubs.md); nothing else
            // of A's activities or recommendations reaches C's admin.
            Caller.ClubAdmin when row.Key == "GET /api/clubs/{clubId:guid}/members" => [],
            Caller.ClubAdmin => [world.ActivityId.ToString(), world.RecommendationId.ToString()],
            // Joining with a valid invite code shows the club that issued it.
            _ when row.Key == "POST /api/clubs/join" => [.. world.APrivateMarkers, world.ImportId.ToString()],
            _ => [.. world.APrivateMarkers, .. world.AClubMarkers],
        };
        return forbidden.FirstOrDefault(marker => body.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Sends the line's request as <paramref name="caller"/>; returns the status, the body and a failed post-condition.</summary>
    private static async Task<(int Status, string Body, string? Problem)> RunCellAsync(AccessWorld world, AccessMatrix.Row row, Caller caller)
    {
        string method = row.Method == "*" ? "GET" : row.Method;
        string path = world.PathFor(row.Route) + (row.Key == "GET /api/activities/{id:guid}/export" ? "?format=gpx" : "");
        switch (row.Key)
        {
            case "GET /dashboard/session":
                {
                    using HttpResponseMessage response = await world.SendAsync(caller, HttpMethod.Get, path);
                    string body = await response.Content.ReadAsStringAsync(Cancel);
                    bool signedIn = response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.GetProperty("signedIn").GetBoolean();
                    return ((int)response.StatusCode, body, signedIn == HasValidKey(caller) ? null : $"signedIn is {signedIn}");
                }

            case "POST /dashboard/signin":
            case "POST /dashboard/signout":
                return await DashboardFormAsync(world, caller, path, signIn: row.Route.EndsWith("signin", StringComparison.Ordinal));
            default:
                break;
        }

        HttpContent? content = row.Key switch
        {
            "POST /api/runners" => JsonContent.Create(new { name = "New", email = $"{Guid.NewGuid():N}@example.org", timeZone = "UTC" }),
            "PUT /api/runners/me/profile" => JsonContent.Create(new { experience = "advanced", timeZone = "UTC" }),
            "PATCH /api/runners/me/profile" => JsonContent.Create(new { experience = "beginner" }),
            "POST /api/runners/me/checkins" => world.CheckinBody(),
            "POST /api/activities" => world.NextFit(),
            "PATCH /api/activities/{id:guid}" => JsonContent.Create(new { notes = "From the access matrix" }),
            "POST /api/clubs" => JsonContent.Create(new { name = "Another club" }),
            "POST /api/clubs/{clubId:guid}/invites" => JsonContent.Create(new { maxUses = 1 }),
            "POST /api/clubs/join" => JsonContent.Create(new { code = world.InviteCode }),
            "POST /api/clubs/{clubId:guid}/managed-runners" => JsonContent.Create(new { name = "Managed" }),
            "POST /api/clubs/claim" => JsonContent.Create(new { code = await world.ClaimCodeAsync() }),
            "POST /api/runners/recover" => await world.RecoveryBodyAsync(),
            "POST /api/clubs/{clubId:guid}/imports" => world.Archive(),
            _ when method is "POST" or "PUT" => JsonContent.Create(new { }),
            _ => null,
        };

        using HttpResponseMessage result = await world.SendAsync(caller, new HttpMethod(method), path, content);
        string text = await result.Content.ReadAsStringAsync(Cancel);
        string? problem = null;
        if (row.Key == "GET /api/runners/me" && result.IsSuccessStatusCode)
        {
            Guid id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
            problem = id == world.IdOf(caller) ? null : $"GET /api/runners/me answered runner {id}, not the caller";
        }

        return ((int)result.StatusCode, text, problem);
    }

    /// <summary>The dashboard's forms as a browser sends them: the session probe's antiforgery token and cookie, then the post.</summary>
    private static async Task<(int Status, string Body, string? Problem)> DashboardFormAsync(AccessWorld world, Caller caller, string path, bool signIn)
    {
        using HttpResponseMessage session = await world.SendAsync(caller, HttpMethod.Get, "/dashboard/session");
        string token = JsonDocument.Parse(await session.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("csrfToken").GetString()!;
        string csrfCookie = session.Headers.GetValues("Set-Cookie").Select(value => value.Split(';')[0]).Single(value => value.StartsWith("rr_csrf=", StringComparison.Ordinal));

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["apiKey"] = world.KeyOf(caller) ?? "",
            ["__RequestVerificationToken"] = token,
        });
        using HttpResponseMessage response = await world.SendAsync(caller, HttpMethod.Post, path, form, csrfCookie);
        string location = response.Headers.Location?.OriginalString ?? "";
        bool sessionIssued = response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? cookies)
            && cookies.Any(cookie => cookie.StartsWith("rr_session=", StringComparison.Ordinal) && !cookie.StartsWith("rr_session=;", StringComparison.Ordinal));

        string? problem = null;
        if (signIn)
        {
            bool expected = HasValidKey(caller);
            if (sessionIssued != expected || (expected ? location != "/" : !location.Contains("error=key", StringComparison.Ordinal)))
            {
                problem = $"sign-in issued a session: {sessionIssued}, redirected to {location}";
            }
        }
        else if (sessionIssued || !location.StartsWith("/signin.html", StringComparison.Ordinal))
        {
            problem = $"sign-out issued a session: {sessionIssued}, redirected to {location}";
        }

        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), problem);
    }

    private static bool HasValidKey(Caller caller) => caller is not (Caller.Anonymous or Caller.RevokedKey);

    private IEnumerable<string> HostedEndpoints()
    {
        EndpointDataSource source = host.Service.App.Services.GetRequiredService<EndpointDataSource>();
        foreach (RouteEndpoint endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            IReadOnlyList<string>? methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            string route = endpoint.RoutePattern.RawText ?? "";
            route = route.Length > 1 ? route.TrimEnd('/') : route;
            if (methods is null or { Count: 0 })
            {
                yield return $"* {route}";
                continue;
            }

            foreach (string method in methods)
            {
                yield return $"{method} {route}";
            }
        }
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunRecovery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RunRecovery.sln not found above the test binaries.");
    }
}
