using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Web.Tests.Infrastructure;

namespace RunRecovery.Web.Tests;

/// <summary>
/// The Today page on the grouped recommendations of issue 14, at a phone's 390 × 844 and a laptop's 1280 × 800:
/// one massage session card per run with its ordered steps, the step timer (Start, Pause/Resume, Skip, Done at the
/// end) driven by Playwright's page clock instead of real minutes, and a see-professional card whose question is
/// answered with a check-in. Every state is checked for sideways scrolling, console errors and axe.
/// </summary>
public sealed class TodayPageTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Zone = "Europe/Berlin";

    private static readonly DateTimeOffset RunStart = new(2026, 6, 10, 6, 0, 0, TimeSpan.Zero); // 08:00 in Berlin

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<int, int, string> Sizes => new() { { 390, 844, "phone" }, { 1280, 800, "desktop" } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_session_card_runs_its_step_timer_to_Done_and_the_question_posts_a_check_in(int width, int height, string size)
    {
        bool phone = width < 768;
        (string key, JsonElement session, JsonElement seePro) = await SeedAsync();
        JsonElement[] steps = [.. session.GetProperty("steps").EnumerateArray()];
        Assert.True(steps.Length >= 3, $"the seeded run gives a session of {steps.Length} step(s); the timer flow needs 3");
        Guid sessionId = session.GetProperty("id").GetGuid();

        await using WatchedPage watched = await host.NewPageAsync(width, height, touch: phone);
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);
        // The page's own clock, moved forward by the test: the timer runs its minutes without the test waiting them.
        await page.Clock.InstallAsync();
        await page.GotoAsync("/");
        await DashboardHost.WaitForReadyAsync(page);

        // One session card for the run: its steps in the API's order (massage per muscle, stretches last).
        ILocator card = page.Locator($"#due li.card.session[data-id='{sessionId}']");
        await Assertions.Expect(card).ToBeVisibleAsync();
        // One card per session, as the API holds them (this new runner's 50-minute run also gets tomorrow's follow-up).
        string[] sessions = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "massage" && r.GetProperty("status").GetString() is "due" or "upcoming")
            .Select(r => r.GetProperty("id").GetString()!).Order()];
        Assert.Equal(sessions, (await page.Locator("li.card.session[data-kind='massage']").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)")).Order());
        ILocator shown = card.Locator("ol.steps > li");
        await Assertions.Expect(shown).ToHaveCountAsync(steps.Length);
        string[] actions = [.. steps.Select(s => s.GetProperty("action").GetString()!)];
        Assert.Equal(actions, await shown.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.action)"));
        Assert.Equal(actions.OrderBy(a => a == "stretch" ? 1 : 0), actions); // stretches are the last steps
        for (int i = 0; i < steps.Length; i++)
        {
            await Assertions.Expect(shown.Nth(i)).ToContainTextAsync(Words(steps[i].GetProperty("bodyPart").GetString()!));
            await Assertions.Expect(shown.Nth(i)).ToContainTextAsync($"{steps[i].GetProperty("minutes").GetInt32()} min");
            await Assertions.Expect(shown.Nth(i)).ToContainTextAsync(Words(steps[i].GetProperty("tool").GetString()!));
        }

        // The see-professional card asks its question, with an answer per flagged part.
        ILocator asked = page.Locator($"li.card[data-id='{seePro.GetProperty("id").GetGuid()}']");
        await Assertions.Expect(asked.Locator(".question-text")).ToHaveTextAsync(seePro.GetProperty("question").GetString()!);
        await PageChecks.CheckAsync(watched, $"today-session-{size}");

        // Start: step 1 with its minutes on the clock (the page's clock frozen, so the figures are exact).
        await FreezeClockAsync(page);
        await card.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        ILocator timer = card.Locator(".timer");
        await Assertions.Expect(timer).ToBeVisibleAsync();
        await Assertions.Expect(timer.Locator(".timer-step")).ToContainTextAsync($"Step 1 of {steps.Length}");
        await Assertions.Expect(timer.Locator(".timer-clock")).ToHaveTextAsync($"{steps[0].GetProperty("minutes").GetInt32()}:00");
        await page.Clock.ResumeAsync(); // axe and the checks need the page's timers
        await PageChecks.CheckAsync(watched, $"today-timer-{size}");
        if (Environment.GetEnvironmentVariable(PageChecks.DocsFolderVariable) is { Length: > 0 } docs)
        {
            await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(docs, $"today-timer-{size}.png") }); // the session card alone
        }
        await FreezeClockAsync(page);

        // Pause holds the clock however long the runner is away; Resume carries on.
        await timer.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        string held = (await timer.Locator(".timer-clock").TextContentAsync())!;
        await page.Clock.FastForwardAsync((long)TimeSpan.FromMinutes(10).TotalMilliseconds);
        await Assertions.Expect(timer.Locator(".timer-clock")).ToHaveTextAsync(held);
        await Assertions.Expect(timer.Locator(".timer-step")).ToContainTextAsync($"Step 1 of {steps.Length}");
        await timer.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        // The step's minutes pass: step 2. Skip: step 3. The remaining minutes pass at once: the session is complete.
        await page.Clock.FastForwardAsync((long)TimeSpan.FromMinutes(steps[0].GetProperty("minutes").GetInt32()).TotalMilliseconds + 1_000);
        await Assertions.Expect(timer.Locator(".timer-step")).ToContainTextAsync($"Step 2 of {steps.Length}");
        await timer.GetByRole(AriaRole.Button, new() { Name = "Skip step" }).ClickAsync();
        await Assertions.Expect(timer.Locator(".timer-step")).ToContainTextAsync($"Step 3 of {steps.Length}");
        await Assertions.Expect(timer.Locator(".timer-clock")).ToHaveTextAsync($"{steps[2].GetProperty("minutes").GetInt32()}:00");
        int rest = steps.Skip(2).Sum(s => s.GetProperty("minutes").GetInt32());
        await page.Clock.FastForwardAsync((long)TimeSpan.FromMinutes(rest).TotalMilliseconds + 1_000);
        await Assertions.Expect(timer.Locator(".timer-step")).ToContainTextAsync("Session complete");

        // Done at the end marks the item done, as the API says.
        await page.Clock.ResumeAsync();
        await timer.GetByRole(AriaRole.Button, new() { Name = "Done", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Marked done.");
        Assert.Contains((await host.GetJsonAsync("/api/runners/me/recommendations?status=done", key)).EnumerateArray(),
            r => r.GetProperty("id").GetGuid() == sessionId);
        await PageChecks.CheckAsync(watched, $"today-done-{size}");

        // The question, answered: on the phone "still hurts" (with how sore), on the laptop "fine now", which ends the flag.
        if (phone)
        {
            await asked.GetByRole(AriaRole.Button, new() { Name = "shins: still hurts" }).ClickAsync();
            await asked.GetByLabel("Soreness now, 0–10: shins").FillAsync("6");
            await asked.GetByLabel("Pain now, 0–10: shins").FillAsync("4");
            await asked.GetByLabel("The pain feels: shins").SelectOptionAsync("sharp");
            await PageChecks.CheckAsync(watched, $"today-question-{size}");
            await asked.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await Assertions.Expect(asked).ToContainTextAsync("Saved: shins still hurting, soreness 6/10, pain 4/10 (sharp).");
            JsonElement checkin = await TodaysCheckinAsync(key);
            Assert.Equal(6, checkin.GetProperty("soreness").GetProperty("shins").GetInt32());
            Assert.True(checkin.GetProperty("pain").GetBoolean());
            Assert.Equal(4, checkin.GetProperty("painSeverity").GetInt32()); // the severity, not only "some pain"
            Assert.Equal("sharp", checkin.GetProperty("painCharacter").GetString());
        }
        else
        {
            await asked.GetByRole(AriaRole.Button, new() { Name = "shins: fine now" }).ClickAsync();
            await Assertions.Expect(asked).ToContainTextAsync("Saved: shins fine now.");
            JsonElement checkin = await TodaysCheckinAsync(key);
            Assert.Equal(0, checkin.GetProperty("soreness").GetProperty("shins").GetInt32());
            Assert.False(checkin.GetProperty("pain").GetBoolean());
            // The re-plan (a real Hangfire job) ends the flag: no open see-professional item any more.
            await WaitUntilAsync(async () => !(await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
                .Any(r => r.GetProperty("kind").GetString() == "see-professional" && r.GetProperty("status").GetString() is "due" or "upcoming"),
                "the see-professional item is still open after the check-in said the shins are fine");
        }

        await PageChecks.CheckAsync(watched, $"today-answered-{size}");
    }

    [Fact]
    public async Task Upload_cannot_be_pressed_before_the_page_is_ready()
    {
        (_, string key) = await host.CreateRunnerAsync(Zone);
        await using WatchedPage watched = await host.NewPageAsync(390, 844, touch: true);
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);

        // Hold the profile request, so the page's script has not wired the form yet: the button stays disabled, so a
        // press cannot let the browser submit the form itself (a GET that drops the file — the cause of the flaky
        // upload step of the end-to-end test on a loaded machine).
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/runners/me/profile", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/upload.html");
        await Assertions.Expect(page.Locator("#upload-button")).ToBeDisabledAsync();
        release.SetResult();
        await DashboardHost.WaitForReadyAsync(page);
        await Assertions.Expect(page.Locator("#upload-button")).ToBeEnabledAsync();
        await PageChecks.CheckAsync(watched, "upload-ready");
    }

    /// <summary>
    /// A runner in Berlin who reported sharp shin pain four days ago (a flag: see-professional, asked "better?" after
    /// 3 days without a report) and ran a 50-minute loop this morning; the service's clock is set so its session is due.
    /// </summary>
    private async Task<(string Key, JsonElement Session, JsonElement SeeProfessional)> SeedAsync()
    {
        host.Clock.Fixed = RunStart.AddHours(2);
        (_, string key) = await host.CreateRunnerAsync(Zone);
        using (HttpResponseMessage checkin = await host.SendAsync(HttpMethod.Post, "/api/runners/me/checkins", key,
            JsonContent.Create(new[] { new { date = "2026-06-06", bodyPart = "shins", soreness = 3, pain = 5, painCharacter = "sharp" } })))
        {
            Assert.True(checkin.IsSuccessStatusCode, await checkin.Content.ReadAsStringAsync(Cancel));
        }

        Guid run = await LoopRuns.UploadAsync(host, key, RunStart, "morning-loop.fit");
        await host.WaitForScoredAsync(run, key);
        JsonElement session = default, seePro = default;
        await WaitUntilAsync(async () =>
        {
            JsonElement[] open = [.. (await host.GetJsonAsync("/api/runners/me/recommendations", key)).EnumerateArray()
                .Where(r => r.GetProperty("status").GetString() is "due" or "upcoming")];
            session = open.FirstOrDefault(r => r.GetProperty("kind").GetString() == "massage" && r.GetProperty("activityId").GetGuid() == run);
            seePro = open.FirstOrDefault(r => r.GetProperty("kind").GetString() == "see-professional"
                && r.GetProperty("question").ValueKind == JsonValueKind.String);
            return session.ValueKind == JsonValueKind.Object && seePro.ValueKind == JsonValueKind.Object;
        }, "no massage session for the run and see-professional item with a question");
        DateTimeOffset due = session.GetProperty("dueUtc").GetDateTimeOffset();
        if (due > host.Clock.Fixed)
        {
            host.Clock.Fixed = due.AddMinutes(5);
        }

        return (key, session, seePro);
    }

    /// <summary>Stops the page's clock: from here only FastForwardAsync moves it.</summary>
    private static async Task FreezeClockAsync(IPage page) =>
        await page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds(await page.EvaluateAsync<long>("() => Date.now()") + 1_000).UtcDateTime);

    /// <summary>The one check-in dated today (the seed's is four days old; the service's clock is fixed, so createdAt cannot order them).</summary>
    private async Task<JsonElement> TodaysCheckinAsync(string key) =>
        (await host.GetJsonAsync("/api/runners/me/checkins", key)).EnumerateArray().Single(c => c.GetProperty("date").GetString() == "2026-06-10");

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most 60 s (a loaded machine runs jobs late).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Within 60 s: {failure}.");
            await Task.Delay(200, Cancel);
        }
    }

    private static string Words(string text) => text.Replace('-', ' ');
}
