using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Hosting;

public sealed class HostEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_answers_200()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/health/live", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_reports_database_and_hangfire_healthy()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/health/ready", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement report = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("hangfire").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_runner_endpoints()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/openapi/v1.json", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement document = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        JsonElement paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/runners", out _));
        Assert.True(paths.TryGetProperty("/api/runners/me", out _));
        Assert.True(paths.TryGetProperty("/api/runners/me/keys", out _));

        JsonElement scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(paths.GetProperty("/api/runners/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/runners").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Docs_page_serves_the_interactive_reference()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/docs", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RunRecovery API", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_dashboard_opens_for_a_loopback_request()
    {
        using HttpResponseMessage response = await server.Client.GetAsync("/hangfire", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("RunRecovery jobs", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
