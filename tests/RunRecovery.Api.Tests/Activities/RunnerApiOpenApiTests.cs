using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Activities;

public sealed class RunnerApiOpenApiTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    [Theory]
    [InlineData("/api/activities", "post", "201")]
    [InlineData("/api/activities", "get", "200")]
    [InlineData("/api/activities/{id}", "get", "200")]
    [InlineData("/api/activities/{id}/samples", "get", "200")]
    [InlineData("/api/runners/me/profile", "get", "200")]
    [InlineData("/api/runners/me/profile", "put", "200")]
    [InlineData("/api/runners/me/checkins", "post", "201")]
    [InlineData("/api/runners/me/checkins", "get", "200")]
    [InlineData("/api/runners/me/recommendations", "get", "200")]
    [InlineData("/api/runners/me/recommendations/{id}/done", "post", "200")]
    [InlineData("/api/runners/me/recommendations/{id}/dismiss", "post", "200")]
    [InlineData("/api/runners/me/load", "get", "200")]
    public async Task Every_runner_api_operation_is_documented_with_an_example_and_the_key_scheme(string path, string method, string status)
    {
        using HttpResponseMessage response = await host.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        JsonElement document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        JsonElement operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        JsonElement content = operation.GetProperty("responses").GetProperty(status).GetProperty("content");
        Assert.Contains(content.EnumerateObject(), media => media.Value.TryGetProperty("example", out _));
        Assert.True(operation.TryGetProperty("security", out _));
    }

    [Theory]
    [InlineData("/api/activities/{id}/file", "get")]
    [InlineData("/api/activities/{id}", "delete")]
    public async Task Operations_without_a_json_body_are_documented_with_their_404(string path, string method)
    {
        using HttpResponseMessage response = await host.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        JsonElement document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.True(document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").TryGetProperty("404", out _));
    }
}
