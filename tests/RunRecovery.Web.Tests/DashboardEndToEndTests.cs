using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats;
using RunRecovery.Formats.Model;
using RunRecovery.Web.Tests.Infrastructure;

namespace RunRecovery.Web.Tests;

/// <summary>A runner's whole path through the dashboard in headless chromium, against the real service and job server.</summary>
public sealed class DashboardEndToEndTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string FitFile = "fit/2013-02-06-12-11-14.fit";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runner_signs_in_uploads_a_fit_run_sees_it_marks_the_massage_done_and_checks_in()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        string path = FixtureCorpus.PathOf(FitFile);
        ParsedActivity parsed = ActivityFile.Read(await File.ReadAllBytesAsync(path, Cancel), Path.GetFileName(path));
        host.Clock.Fixed = parsed.Samples[^1].Time.AddHours(1); // the runner uploads an hour after finishing
        (_, string key) = await host.CreateRunnerAsync("Europe/London");

        await using WatchedPage watched = await host.NewPageAsync();
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);

        // Upload through the file input. The step used to fail on a loaded machine: Upload was pressed before the
        // page's script had wired the form (the browser then submitted it itself and the file was lost), and the
        // answer was awaited for Playwright's default 5 s. Now the button is enabled only once the form is wired,
        // and the test waits for the real events: the page ready, then the upload's answer (60 s deadline).
        await page.GotoAsync("/upload.html");
        await DashboardHost.WaitForReadyAsync(page);
        await page.SetInputFilesAsync("#files", path);
        IResponse answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync(),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/activities",
            new PageRunAndWaitForResponseOptions { Timeout = 60_000 });
        Assert.Equal(201, answer.Status);
        ILocator result = page.Locator("#results li").Filter(new() { HasText = "2013-02-06-12-11-14.fit" });
        await Assertions.Expect(result).ToContainTextAsync("uploaded");
        await PageChecks.CheckAsync(watched, "upload");
        string activityHref = (await result.GetByRole(AriaRole.Link).GetAttributeAsync("href"))!;
        Guid activityId = Guid.Parse(activityHref.Split("id=")[1]);

        // The scoring job runs on the real Hangfire server; then the massage it queued is made due.
        await host.WaitForScoredAsync(activityId, key);
        JsonElement massage = (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
            .First(r => r.GetProperty("kind").GetString() == "massage");
        Guid massageId = massage.GetProperty("id").GetGuid();
        DateTimeOffset due = massage.GetProperty("dueUtc").GetDateTimeOffset();
        if (due > host.Clock.Fixed)
        {
            host.Clock.Fixed = due.AddMinutes(1);
        }

        // The activity in the list, and its page with three charts.
        await page.GotoAsync("/activities.html");
        ILocator row = page.Locator("#activities tbody tr").Filter(new() { HasText = "2013-02-06-12-11-14.fit" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        // The activity's name (a FIT file without a workout name: generated), its file name as secondary text (issue 15).
        await Assertions.Expect(row.Locator(".activity-name")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Morning|Afternoon|Evening|Night) run$"));
        await Assertions.Expect(row.Locator(".source-file")).ToHaveTextAsync("2013-02-06-12-11-14.fit");
        await Assertions.Expect(row).ToContainTextAsync("running");
        await Assertions.Expect(row).ToContainTextAsync("km");
        await PageChecks.CheckAsync(watched, "activities");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/activity.html?id={activityId}");
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Morning|Afternoon|Evening|Night) run$"));
        await Assertions.Expect(page.Locator("#subtitle")).ToContainTextAsync("2013-02-06-12-11-14.fit");
        await Assertions.Expect(page.Locator("#pace-chart svg, #hr-chart svg, #elevation-chart svg")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator($"#recommendations li[data-id='{massageId}']")).ToHaveCountAsync(1);
        await PageChecks.CheckAsync(watched, "activity");

        // Today: the massage card is due, with its muscles and reasons; Done marks it done through the API.
        await page.GotoAsync("/");
        ILocator card = page.Locator($"#due li[data-id='{massageId}']");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator("h3")).ToHaveTextAsync("massage");
        await Assertions.Expect(card.Locator("ul.reasons li").First).ToBeVisibleAsync();
        await PageChecks.CheckAsync(watched, "today");
        await card.GetByRole(AriaRole.Button, new() { Name = "Done" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter"); // buttons work from the keyboard
        await Assertions.Expect(card).ToContainTextAsync("Marked done.");
        JsonElement done = (await host.GetJsonAsync("/api/runners/me/recommendations?status=done", key)).EnumerateArray()
            .Single(r => r.GetProperty("id").GetGuid() == massageId);
        Assert.Equal("done", done.GetProperty("status").GetString());

        // Dismiss another card once it is due (issue 14: one session per run, so the run's other item — the follow-up
        // session or tomorrow's advice — comes due later).
        JsonElement next = (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() is "due" or "upcoming").OrderBy(r => r.GetProperty("dueUtc").GetDateTimeOffset()).First();
        if (next.GetProperty("dueUtc").GetDateTimeOffset() > host.Clock.Fixed)
        {
            host.Clock.Fixed = next.GetProperty("dueUtc").GetDateTimeOffset().AddMinutes(1);
        }

        await page.GotoAsync("/");
        Guid otherId = Guid.Parse((await page.Locator("#due li.card:not(.acted)").First.GetAttributeAsync("data-id"))!);
        ILocator other = page.Locator($"#due li[data-id='{otherId}']");
        await other.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(other).ToContainTextAsync("Dismissed.");
        Assert.Contains((await host.GetJsonAsync("/api/runners/me/recommendations?status=dismissed", key)).EnumerateArray(),
            r => r.GetProperty("id").GetGuid() == otherId);

        // Load: the 90-day chart and the muscle-group chart.
        await page.GotoAsync("/load.html");
        await Assertions.Expect(page.Locator("#load-chart svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#muscle-chart svg")).ToHaveCountAsync(1);
        await PageChecks.CheckAsync(watched, "load");

        // Check-in.
        await page.GotoAsync("/checkin.html");
        await page.GetByLabel("calves").FillAsync("6");
        await page.GetByLabel("Something hurts").CheckAsync();
        await PageChecks.CheckAsync(watched, "checkin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Check-in saved");
        JsonElement checkin = (await host.GetJsonAsync("/api/runners/me/checkins", key)).EnumerateArray().Single();
        Assert.Equal(6, checkin.GetProperty("soreness").GetProperty("calves").GetInt32());
        Assert.True(checkin.GetProperty("pain").GetBoolean());
    }
}
