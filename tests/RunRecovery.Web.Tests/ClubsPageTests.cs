using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Web.Tests.Infrastructure;

namespace RunRecovery.Web.Tests;

/// <summary>The coach's page: the members table and a bulk import followed live to its end, in the browser.</summary>
public sealed class ClubsPageTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_sees_the_members_table_and_follows_a_bulk_import_to_its_end()
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        using HttpResponseMessage created = await host.Client.PostAsJsonAsync(
            "/api/runners", new { name = "Coach <b>Kim</b>", email, timeZone = "UTC" }, Cancel);
        created.EnsureSuccessStatusCode();
        string key = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;
        using HttpResponseMessage club = await host.SendAsync(HttpMethod.Post, "/api/clubs", key, JsonContent.Create(new { name = "Harriers" }));
        club.EnsureSuccessStatusCode();

        await using WatchedPage watched = await host.NewPageAsync();
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);
        await page.GotoAsync("/clubs.html");
        ILocator row = page.Locator("#members tbody tr").Filter(new() { HasText = "Coach <b>Kim</b>" });
        await Assertions.Expect(row).ToHaveCountAsync(1); // the name shows as text, tags and all
        await Assertions.Expect(row).ToContainTextAsync("0 run(s)");

        // One folder per member, named by email: a 30-minute run for the admin.
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            ZipArchiveEntry entry = archive.CreateEntry($"{email}/easy.gpx");
            await using Stream stream = await entry.OpenAsync(Cancel);
            await stream.WriteAsync(SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(5), minutes: 30), Cancel);
        }

        await page.SetInputFilesAsync("#archive", new FilePayload { Name = "club.zip", MimeType = "application/zip", Buffer = zip.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Start import" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-label")).ToContainTextAsync("completed", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#import-counts")).ToContainTextAsync("1 imported");
        Assert.Equal(100, await page.EvalOnSelectorAsync<double>("#import-progress", "bar => bar.position === -1 ? -1 : bar.value")); // full, not indeterminate
        await Assertions.Expect(row).ToContainTextAsync("1 run(s)");
        await PageChecks.CheckAsync(watched, "clubs");
    }
}
