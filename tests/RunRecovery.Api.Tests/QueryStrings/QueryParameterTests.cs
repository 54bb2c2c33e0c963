using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.QueryStrings;

namespace RunRecovery.Api.Tests.QueryStrings;

/// <summary>Query strings over real HTTP: unreadable values and unknown names answer 400 saying what is wrong; sport filters.</summary>
public sealed class QueryParameterTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    [Theory]
    [InlineData("/api/activities?from=yesterday", "from", "from: expected an ISO 8601 date-time, got 'yesterday'")]
    [InlineData("/api/activities?limit=ten", "limit", "limit: expected a whole number, got 'ten'")]
    [InlineData("/api/activities?limit=2&limit=3", "limit", "limit: given 2 times; give it once")]
    [InlineData("/api/activities?colour=red", "colour", "colour: not a parameter of this route; this route takes cursor, from, limit, sport, to")]
    [InlineData("/api/runners/me/profile?verbose=1", "verbose", "verbose: not a parameter of this route; this route takes no query parameters")]
    [InlineData("/api/runners/me/load?days=many", "days", "days: expected a whole number, got 'many'")]
    [InlineData("/api/runners/me/checkins?from=2026-13-45", "from", "from: expected an ISO 8601 date (yyyy-mm-dd), got '2026-13-45'")]
    [InlineData("/api/activities?sport=runing", "sport", "sport: expected one of unknown, running, walking, hiking, cycling, swimming, rowing, transition, multisport, generic, other, got 'runing'")]
    public async Task A_bad_query_answers_400_naming_the_parameter_and_the_problem(string path, string name, string message)
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, path, key);

        JsonElement problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(name)[0].GetString());
    }

    [Fact]
    public async Task Sport_filters_the_list()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid run = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(6), 20)));

        JsonElement running = await host.GetJsonAsync("/api/activities?sport=running", key);
        JsonElement cycling = await host.GetJsonAsync("/api/activities?sport=Cycling", key);

        Assert.Equal([run], running.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.Empty(cycling.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_upload_still_takes_fileName_in_the_query()
    {
        (_, string key) = await host.CreateRunnerAsync();
        using var content = new ByteArrayContent(SyntheticRuns.Fit(SyntheticRuns.HoursAgo(9), 10));
        content.Headers.ContentType = new("application/vnd.ant.fit");

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Post, "/api/activities?fileName=easy.fit", key, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("easy.fit", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>The check works from the handler's method, so every /api route must have one (a route without it would accept anything).</summary>
    [Fact]
    public void Every_api_route_is_checked()
    {
        RouteEndpoint[] api = [.. host.Service.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)];

        Assert.True(api.Length > 25, $"only {api.Length} /api routes found");
        Assert.All(api, endpoint => Assert.NotNull(endpoint.Metadata.GetMetadata<MethodInfo>()));
        RouteEndpoint list = api.Single(e => e.DisplayName?.Contains("ListActivities", StringComparison.Ordinal) == true || e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "ListActivities");
        Assert.Equal(["cursor", "from", "limit", "sport", "to"], QueryParameterCheck.Accepted(list, list.Metadata.GetMetadata<MethodInfo>()!).Keys.Order(StringComparer.Ordinal));
    }
}
