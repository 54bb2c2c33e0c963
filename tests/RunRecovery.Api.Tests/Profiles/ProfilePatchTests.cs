using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Profiles;

/// <summary>Issue 15: PATCH /api/runners/me/profile (JSON Merge Patch over the stored profile) beside PUT.</summary>
public sealed class ProfilePatchTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_merge_patch_changes_what_it_names_keeps_the_rest_and_null_returns_a_field_to_its_default()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync("Europe/Berlin");
        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new
        {
            birthYear = 1985,
            sex = "female",
            maxHeartRateBpm = 188,
            experience = "advanced",
            tools = new[] { "foam-roller", "massage-gun" },
            massageWindow = new { start = "19:00", end = "21:00" },
            units = "imperial",
        }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using HttpResponseMessage patched = await PatchAsync(key, """{"maxHeartRateBpm":192,"massageWindow":{"end":"22:00"},"tools":null}""");

        string body = await patched.Content.ReadAsStringAsync(Cancel);
        Assert.True(patched.StatusCode == HttpStatusCode.OK, body);
        JsonElement after = await host.GetJsonAsync("/api/runners/me/profile", key);
        Assert.Equal(192, after.GetProperty("maxHeartRateBpm").GetInt32());
        Assert.Equal("19:00:00", after.GetProperty("massageWindow").GetProperty("start").GetString()); // nested objects merge
        Assert.Equal("22:00:00", after.GetProperty("massageWindow").GetProperty("end").GetString());
        Assert.Empty(after.GetProperty("tools").EnumerateArray()); // null: back to the default
        Assert.Equal(1985, after.GetProperty("birthYear").GetInt32());
        Assert.Equal("female", after.GetProperty("sex").GetString());
        Assert.Equal("advanced", after.GetProperty("experience").GetString());
        Assert.Equal("imperial", after.GetProperty("units").GetString());
        Assert.Equal("Europe/Berlin", after.GetProperty("timeZone").GetString());
        Assert.Equal(2, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId)); // rescored, as PUT

        // PUT still replaces: what it leaves out returns to the default.
        using HttpResponseMessage replace = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, JsonContent.Create(new { maxHeartRateBpm = 180 }));
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await host.GetJsonAsync("/api/runners/me/profile", key)).GetProperty("birthYear").ValueKind);
    }

    [Fact]
    public async Task A_bad_patch_gets_the_errors_put_gives_for_the_same_values_and_nothing_is_saved()
    {
        (_, string key) = await host.CreateRunnerAsync();
        const string Bad = """{"maxHeartRateBpm":999,"sexx":"female","tools":["foam-roler"]}""";

        using HttpResponseMessage viaPut = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key, new StringContent(Bad, Encoding.UTF8, "application/json"));
        JsonElement putErrors = (await viaPut.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        using HttpResponseMessage viaPatch = await PatchAsync(key, Bad);
        JsonElement patchErrors = (await viaPatch.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Equal(Keys(putErrors), Keys(patchErrors));
        Assert.Contains("$.maxHeartRateBpm", Keys(patchErrors));
        Assert.Contains("$.sexx", Keys(patchErrors));
        foreach (string path in Keys(putErrors))
        {
            Assert.Equal(putErrors.GetProperty(path).GetRawText(), patchErrors.GetProperty(path).GetRawText());
        }

        Assert.Equal(JsonValueKind.Null, (await host.GetJsonAsync("/api/runners/me/profile", key)).GetProperty("maxHeartRateBpm").ValueKind);
        using HttpResponseMessage array = await PatchAsync(key, "[1]");
        Assert.True((await array.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("$", out _));
        using HttpResponseMessage text = await PatchAsync(key, "{}", "text/plain");
        await text.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private Task<HttpResponseMessage> PatchAsync(string key, string json, string contentType = "application/merge-patch+json") =>
        host.SendAsync(HttpMethod.Patch, "/api/runners/me/profile", key, new StringContent(json, Encoding.UTF8, contentType));

    private static string[] Keys(JsonElement errors) => [.. errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
