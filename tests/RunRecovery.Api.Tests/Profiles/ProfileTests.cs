using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Profiles;

public sealed class ProfileTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Defaults_until_saved_then_answers_what_was_put()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync("Europe/Berlin");
        JsonElement before = await host.GetJsonAsync("/api/runners/me/profile", key);
        Assert.Equal("intermediate", before.GetProperty("experience").GetString());
        Assert.Equal("Europe/Berlin", before.GetProperty("timeZone").GetString());

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new
        {
            birthYear = 1985,
            sex = "female",
            maxHeartRateBpm = 188,
            restingHeartRateBpm = 48,
            experience = "advanced",
            weeklyDistanceKm = 55.5,
            tools = new[] { "foam-roller", "massage-gun" },
            massageWindow = new { start = "19:00", end = "21:00" },
            timeZone = "America/New_York",
        }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        JsonElement after = await host.GetJsonAsync("/api/runners/me/profile", key);
        Assert.Equal(1985, after.GetProperty("birthYear").GetInt32());
        Assert.Equal("female", after.GetProperty("sex").GetString());
        Assert.Equal(188, after.GetProperty("maxHeartRateBpm").GetInt32());
        Assert.Equal(48, after.GetProperty("restingHeartRateBpm").GetInt32());
        Assert.Equal("advanced", after.GetProperty("experience").GetString());
        Assert.Equal(55.5, after.GetProperty("weeklyDistanceKm").GetDouble());
        Assert.Equal(["foam-roller", "massage-gun"], after.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("19:00:00", after.GetProperty("massageWindow").GetProperty("start").GetString());
        Assert.Equal("America/New_York", after.GetProperty("timeZone").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("webhookUrl").ValueKind);
        Assert.Equal(1, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId)); // rescoring asked for
    }

    [Fact]
    public async Task Units_default_to_metric_are_saved_and_return_to_metric_when_left_out()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        Assert.Equal("metric", (await host.GetJsonAsync("/api/runners/me/profile", key)).GetProperty("units").GetString());

        using HttpResponseMessage imperial = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { units = "imperial", maxHeartRateBpm = 190 }));
        Assert.Equal(HttpStatusCode.OK, imperial.StatusCode);
        Assert.Equal("imperial", (await imperial.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("units").GetString());
        Assert.Equal("imperial", (await host.GetJsonAsync("/api/runners/me/profile", key)).GetProperty("units").GetString());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.runner_settings WHERE runner_id = $1 AND units = 'Imperial'", runnerId));

        // PUT replaces the whole profile: units left out go back to metric, like every other field.
        using HttpResponseMessage without = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { maxHeartRateBpm = 190 }));
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
        Assert.Equal("metric", (await host.GetJsonAsync("/api/runners/me/profile", key)).GetProperty("units").GetString());

        using HttpResponseMessage unknown = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { units = "furlongs" }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("metric", (await host.GetJsonAsync("/api/runners/me/profile", key)).GetProperty("units").GetString());
    }

    [Fact]
    public async Task Rejects_out_of_range_values_naming_each_field()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new
        {
            birthYear = 1800,
            maxHeartRateBpm = 300,
            restingHeartRateBpm = 10,
            weeklyDistanceKm = -1,
            massageWindow = new { start = "21:00", end = "19:00" },
            timeZone = "Mars/Base",
        }));

        JsonElement errors = (await put.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (string field in new[] { "$.birthYear", "$.maxHeartRateBpm", "$.restingHeartRateBpm", "$.weeklyDistanceKm", "$.massageWindow.end", "$.timeZone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    // Issue 14, point 5: the same strict contract as the CLI's profile.json (docs/schemas/profile.schema.json).
    [Fact]
    public async Task Unknown_fields_and_impossible_combinations_are_problems_naming_the_json_path()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new
        {
            maxHeartRate = 186,
            toolsOwned = new[] { "foam-roller" },
            restingHeartRateBpm = 90,
            maxHeartRateBpm = 100,
            wakeTime = "23:00",
            weightKg = -5,
        }));

        JsonElement errors = (await put.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.StartsWith("unknown field (did you mean 'maxHeartRateBpm'?)", errors.GetProperty("$.maxHeartRate")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("unknown field (did you mean 'tools'?)", errors.GetProperty("$.toolsOwned")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("100: must be more than 20 bpm above restingHeartRateBpm (90)", errors.GetProperty("$.maxHeartRateBpm")[0].GetString());
        Assert.True(errors.TryGetProperty("$.wakeTime", out _));
        Assert.Equal("-5: expected a number from 20 to 300 kg", errors.GetProperty("$.weightKg")[0].GetString());
    }

    [Fact]
    public async Task Weight_wake_and_bed_times_are_stored_and_spellings_of_tools_accepted()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new
        {
            weightKg = 61.5,
            wakeTime = "06:15",
            bedTime = "22:45",
            tools = new[] { "Foam roller", "MASSAGE_GUN" },
        }));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        JsonElement after = await host.GetJsonAsync("/api/runners/me/profile", key);
        Assert.Equal(61.5, after.GetProperty("weightKg").GetDouble());
        Assert.Equal("06:15:00", after.GetProperty("wakeTime").GetString());
        Assert.Equal("22:45:00", after.GetProperty("bedTime").GetString());
        Assert.Equal(["foam-roller", "massage-gun"], after.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("http://example.org/hook")]      // not https
    [InlineData("https://127.0.0.1/hook")]       // loopback
    [InlineData("https://localhost/hook")]
    [InlineData("https://10.1.2.3/hook")]        // private
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://169.254.169.254/latest")] // link-local: cloud metadata
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("not a url")]
    public async Task Refuses_webhook_urls_that_are_not_public_https(string url)
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { webhookUrl = url }));

        JsonElement errors = (await put.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("$.webhookUrl", out _));
    }

    [Fact]
    public async Task A_public_https_webhook_gets_a_per_runner_signing_secret_that_stays()
    {
        (_, string first) = await host.CreateRunnerAsync();
        (_, string second) = await host.CreateRunnerAsync();

        // A literal public address needs no DNS, so the test does not depend on the network.
        string url = "https://93.184.215.14/runrecovery";
        JsonElement a = await PutWebhookAsync(first, url);
        JsonElement b = await PutWebhookAsync(second, url);
        JsonElement again = await PutWebhookAsync(first, url);

        string secret = a.GetProperty("webhookSecret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(secret, b.GetProperty("webhookSecret").GetString());
        Assert.Equal(secret, again.GetProperty("webhookSecret").GetString());
    }

    private async Task<JsonElement> PutWebhookAsync(string key, string url)
    {
        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { webhookUrl = url }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return await put.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }
}
