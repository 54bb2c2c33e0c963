using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Web.Tests.Infrastructure;

namespace RunRecovery.Web.Tests;

/// <summary>
/// The activity page's map and the runner's settings: the track draws with no network, a run without positions
/// shows no map at all, and the units and time-zone settings change what every page shows (the API stays SI).
/// </summary>
public sealed class RouteMapTests(DashboardApiHost host) : IClassFixture<DashboardApiHost>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 16, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_track_draws_offline_and_a_run_without_positions_shows_no_map()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid loop = await LoopRuns.UploadAsync(host, key, Start, "offline-loop.fit", minutes: 20);
        Guid treadmill = await LoopRuns.UploadAsync(host, key, Start.AddDays(-1), "treadmill.fit", minutes: 20, withPositions: false);
        await using WatchedPage watched = await host.NewPageAsync(390, 844, touch: true);
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);

        // No network: every tile request fails. The track is Leaflet's own SVG and needs none of them.
        int aborted = 0;
        await page.RouteAsync(DashboardHost.TileHostPattern, async route =>
        {
            Interlocked.Increment(ref aborted);
            await route.AbortAsync("internetdisconnected");
        });
        await page.GotoAsync($"/activity.html?id={loop}");
        await DashboardHost.WaitForReadyAsync(page);
        ILocator line = page.Locator("#route-map path.route-line");
        await Assertions.Expect(line).ToHaveCountAsync(1);
        Assert.True(((await line.GetAttributeAsync("d")) ?? "").Length > 50);
        Assert.True(aborted > 0, "the page asked for no tile at all");
        // Chromium logs each failed tile as a console error: those, and only those, are what this step expects.
        Assert.True(watched.Errors.RemoveAll(error => error.Contains("ERR_INTERNET_DISCONNECTED", StringComparison.Ordinal)) > 0);
        await PageChecks.CheckAsync(watched, "activity-offline");

        // A treadmill run: splits and charts, but no map section and no Leaflet box.
        await page.GotoAsync($"/activity.html?id={treadmill}");
        await PageChecks.CheckAsync(watched, "activity-no-positions");
        await Assertions.Expect(page.Locator("#route-section")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator(".leaflet-container").CountAsync());
        await Assertions.Expect(page.Locator("#splits tbody tr")).ToHaveCountAsync(4); // 20 min at about 3 m/s: 3 km and a bit
    }

    [Fact]
    public async Task A_triathlon_lists_its_sessions_in_order_and_a_one_session_run_shows_no_sessions_table()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid triathlon = await LoopRuns.UploadAsync(host, key, RunRecovery.TestSupport.Triathlon.Fit(Start.AddDays(-2)), "triathlon.fit");
        Guid run = await LoopRuns.UploadAsync(host, key, Start, "one-session.fit", minutes: 20, withPositions: false);
        await using WatchedPage watched = await host.NewPageAsync(390, 844, touch: true);
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);

        await page.GotoAsync($"/activity.html?id={triathlon}");
        await DashboardHost.WaitForReadyAsync(page);
        ILocator rows = page.Locator("#sessions tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        Assert.Equal(["swimming", "transition", "cycling", "transition", "running"], await rows.Locator("td:nth-child(2)").AllTextContentsAsync());
        Assert.Equal(["30:00", "2:00", "1:00:00", "1:00", "40:00"], await rows.Locator("td:nth-child(3)").AllTextContentsAsync());
        await PageChecks.CheckAsync(watched, "activity-multisport");

        await page.GotoAsync($"/activity.html?id={run}");
        await DashboardHost.WaitForReadyAsync(page);
        await Assertions.Expect(page.Locator("#sessions-section")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Settings_switch_the_dashboard_to_miles_and_another_time_zone_and_keep_the_rest_of_the_profile()
    {
        (_, string key) = await host.CreateRunnerAsync("Europe/London");
        using HttpResponseMessage profile = await host.SendAsync(HttpMethod.Put, "/api/runners/me/profile", key,
            JsonContent.Create(new { maxHeartRateBpm = 191, tools = new[] { "foam-roller" }, timeZone = "Europe/London" }));
        profile.EnsureSuccessStatusCode();
        Guid loop = await LoopRuns.UploadAsync(host, key, Start, "miles.fit", minutes: 40);
        double meters = (await host.GetJsonAsync($"/api/activities/{loop}", key)).GetProperty("activity").GetProperty("distanceMeters").GetDouble();

        await using WatchedPage watched = await host.NewPageAsync();
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);
        await page.GotoAsync("/settings.html");
        await DashboardHost.WaitForReadyAsync(page);
        await Assertions.Expect(page.GetByLabel("Metric (km, min/km, m)")).ToBeCheckedAsync();
        await page.GetByLabel("Imperial (miles, min/mile, ft)").CheckAsync();
        await page.GetByLabel("Time zone").SelectOptionAsync("America/Los_Angeles");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Saved: imperial units, times in America/Los_Angeles");
        await PageChecks.CheckAsync(watched, "settings-saved");

        // A fresh recovery code from the same page, shown once.
        await page.GetByRole(AriaRole.Button, new() { Name = "New recovery code" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-code code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download recovery code" })).ToBeVisibleAsync();

        JsonElement saved = await host.GetJsonAsync("/api/runners/me/profile", key);
        Assert.Equal("imperial", saved.GetProperty("units").GetString());
        Assert.Equal("America/Los_Angeles", saved.GetProperty("timeZone").GetString());
        Assert.Equal(191, saved.GetProperty("maxHeartRateBpm").GetInt32()); // the rest of the profile is kept
        Assert.Equal(["foam-roller"], saved.GetProperty("tools").EnumerateArray().Select(tool => tool.GetString()));

        // The API stays SI; the page shows miles, min/mile and feet, splits per mile, times in Los Angeles.
        await page.GotoAsync($"/activity.html?id={loop}");
        await PageChecks.CheckAsync(watched, "activity-imperial");
        string miles = (meters / 1609.344).ToString("0.00", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#activity-stats")).ToContainTextAsync($"{miles} mi");
        await Assertions.Expect(page.Locator("#activity-stats")).ToContainTextAsync("/mi");
        await Assertions.Expect(page.Locator("#activity-stats")).ToContainTextAsync(" ft");
        await Assertions.Expect(page.Locator("#splits thead")).ToContainTextAsync("Pace /mi");
        await Assertions.Expect(page.Locator("#splits tbody tr")).ToHaveCountAsync((int)Math.Ceiling(meters / 1609.344));
        DateTimeOffset local = TimeZoneInfo.ConvertTime(Start, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        await Assertions.Expect(page.Locator("#subtitle")).ToContainTextAsync(local.ToString("HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#elevation-chart svg desc")).ToContainTextAsync("feet");

        await page.GotoAsync("/activities.html");
        await PageChecks.CheckAsync(watched, "activities-imperial");
        await Assertions.Expect(page.Locator("#activities tbody tr").First).ToContainTextAsync($"{miles} mi");
        Assert.Equal(meters, (await host.GetJsonAsync("/api/activities", key)).GetProperty("items")[0].GetProperty("distanceMeters").GetDouble());
    }
}

/// <summary>With <c>RunRecovery:Map:TileUrl=Off</c> the track draws alone on a plain background; nothing is fetched from outside.</summary>
public sealed class MapOffTests(MapOffTests.MapOffHost host) : IClassFixture<MapOffTests.MapOffHost>
{
    [Fact]
    public async Task Without_a_tile_server_the_track_draws_on_a_plain_background_and_the_csp_allows_no_outside_images()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid loop = await LoopRuns.UploadAsync(host, key, new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero), "plain.fit", minutes: 20);
        await using WatchedPage watched = await host.NewPageAsync(390, 844, touch: true);
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);

        IResponse? response = await page.GotoAsync($"/activity.html?id={loop}");
        await PageChecks.CheckAsync(watched, "activity-map-off");
        Assert.Contains("img-src 'self' data:;", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#route-map path.route-line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#route-map")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bplain\\b"));
        Assert.Equal(0, await page.Locator("#route-map img.leaflet-tile").CountAsync());
        Assert.Equal(0, await page.Locator("#route-map .map-attribution").CountAsync());
        Assert.Empty(host.TileRequests);
    }

    public sealed class MapOffHost(Api.Tests.Infrastructure.TestPostgres postgres) : DashboardHost(postgres)
    {
        protected override Api.Hosting.ServiceRole Role => Api.Hosting.ServiceRole.Api;

        protected override IEnumerable<string> Settings => ["--RunRecovery:Map:TileUrl=Off"];
    }
}
