using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Web.Tests.Infrastructure;

namespace RunRecovery.Web.Tests;

/// <summary>
/// On a phone: sign-up from the sign-in page (key shown once, copied, recovery code downloaded), the first-run empty
/// state on Today, sign-out, and recovery with the code (a new key; the old one stops working).
/// </summary>
public sealed class AccountPagesTests(DashboardApiHost host) : IClassFixture<DashboardApiHost>
{
    [Fact]
    public async Task A_runner_signs_up_saves_key_and_code_uploads_a_first_run_signs_out_and_recovers_with_the_code()
    {
        string email = $"{Guid.NewGuid():N}@example.org";
        await using WatchedPage watched = await host.NewPageAsync(390, 844, touch: true);
        IPage page = watched.Page;
        await watched.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        // The sign-in page says how to get a key and links to sign-up.
        await page.GotoAsync("/signin.html");
        await PageChecks.CheckAsync(watched, "signin-phone-links");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No key yet?");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.WaitForURLAsync("**/signup.html");
        await PageChecks.CheckAsync(watched, "signup");

        await page.GetByLabel("Name").FillAsync("Ada");
        await page.GetByLabel("Email").FillAsync(email);
        Assert.Equal(DashboardHost.BrowserTimeZone, await page.GetByLabel("Your time zone").InputValueAsync()); // the browser's zone, preselected
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // The key once, with a copy button; the recovery code as a download.
        ILocator keyField = page.GetByLabel("API key");
        await Assertions.Expect(keyField).ToBeVisibleAsync();
        string key = await keyField.InputValueAsync();
        Assert.StartsWith("rr_", key, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Key copied.");
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        string code = (await page.Locator("#new-code").TextContentAsync())!.Trim();
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download recovery code" }).ClickAsync());
        Assert.Equal("runrecovery-recovery-code.txt", download.SuggestedFilename);
        string saved = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Contains(code, saved, StringComparison.Ordinal);
        Assert.Contains(email, saved, StringComparison.Ordinal);
        await PageChecks.CheckAsync(watched, "signup-issued");
        Assert.Equal(DashboardHost.BrowserTimeZone, (await host.GetJsonAsync("/api/runners/me/profile", key)).GetProperty("timeZone").GetString());

        // On to the dashboard: nothing uploaded yet, so Today says what to do, with the drop zone.
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved both: continue to my dashboard" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Upload your first run" }).WaitForAsync();
        await PageChecks.CheckAsync(watched, "today-first-run");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "first.gpx", MimeType = "application/gpx+xml", Buffer = SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(3), 25) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results li")).ToContainTextAsync("uploaded");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "See today's plan" })).ToBeVisibleAsync();

        // Sign out (from the shared header): the browser's session ends.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin.html");
        Assert.Equal((int)HttpStatusCode.Unauthorized, (await watched.Context.APIRequest.GetAsync("/api/runners/me")).Status);

        // Lost key: the recovery code gives a new one; the old key stops working.
        await page.GetByRole(AriaRole.Link, new() { Name = "Lost your key? Use your recovery code." }).ClickAsync();
        await page.WaitForURLAsync("**/recover.html");
        await PageChecks.CheckAsync(watched, "recover");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Recovery code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Get a new key" }).ClickAsync();
        ILocator newKeyField = page.GetByLabel("API key");
        await Assertions.Expect(newKeyField).ToBeVisibleAsync();
        string newKey = await newKeyField.InputValueAsync();
        Assert.NotEqual(key, newKey);
        Assert.NotEqual(code, (await page.Locator("#new-code").TextContentAsync())!.Trim());
        await PageChecks.CheckAsync(watched, "recover-issued");
        using (HttpResponseMessage old = await host.SendAsync(HttpMethod.Get, "/api/runners/me", key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved both: continue to my dashboard" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Today" }).WaitForAsync();
        JsonElement me = JsonDocument.Parse(await (await watched.Context.APIRequest.GetAsync("/api/runners/me")).TextAsync()).RootElement;
        Assert.Equal(email, me.GetProperty("email").GetString());

        // The same code a second time is refused, on the page.
        await page.GotoAsync("/recover.html");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Recovery code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Get a new key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status.error")).ToContainTextAsync("do not match");
        Assert.Equal(1, watched.Errors.RemoveAll(error => error.Contains("status of 401", StringComparison.Ordinal))); // the refusal the step expects
        Assert.Empty(watched.Errors);
    }
}
