using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Web.Tests.Infrastructure;

namespace RunRecovery.Web.Tests;

/// <summary>Sign-in cookie, CSRF, CSP and escaping, checked in the real browser against the real service.</summary>
public sealed class DashboardSecurityTests(DashboardApiHost host) : IClassFixture<DashboardApiHost>
{
    private const string ScriptName = "<script>alert(1)</script>.gpx";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_named_like_a_script_tag_is_shown_as_text_after_a_drag_and_drop_upload()
    {
        (_, string key) = await host.CreateRunnerAsync();
        await using WatchedPage watched = await host.NewPageAsync();
        IPage page = watched.Page;
        await DashboardHost.SignInAsync(page, key);
        await page.GotoAsync("/upload.html");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Drop the file on the drop zone, as a drag from the desktop would.
        byte[] gpx = SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(5), minutes: 20);
        await page.EvaluateAsync(
            """
            ([name, base64]) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], name, { type: 'application/gpx+xml' }));
              document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """,
            new object[] { ScriptName, Convert.ToBase64String(gpx) });

        ILocator result = page.Locator("#results li .file-name");
        await Assertions.Expect(result).ToHaveTextAsync(ScriptName);
        await Assertions.Expect(page.Locator("#results li")).ToContainTextAsync("uploaded");
        Assert.Equal(0, await page.Locator("#results script").CountAsync());

        // A file that is no activity: its name (markup again) and the parser's reason, as text.
        const string badName = "<img src=x onerror=alert(2)>.fit";
        await page.SetInputFilesAsync("#files", new FilePayload { Name = badName, MimeType = "application/octet-stream", Buffer = "not a FIT file"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        ILocator failed = page.Locator("#results li").Filter(new() { HasText = "not stored" });
        await Assertions.Expect(failed.Locator(".file-name")).ToHaveTextAsync(badName);
        Assert.Equal(0, await page.Locator("#results img").CountAsync());
        // Chromium logs every 4xx answer as a console error; this 415 is the refusal the step expects, nothing else is excused.
        Assert.Equal(1, watched.Errors.RemoveAll(error => error.Contains("status of 415", StringComparison.Ordinal)));

        await page.GotoAsync("/activities.html");
        ILocator name = page.Locator("#activities tbody td.name .source-file"); // the activity's name first, its file below
        await Assertions.Expect(name).ToHaveTextAsync(ScriptName);
        Assert.Equal(0, await page.Locator("#activities script").CountAsync());
        await PageChecks.CheckAsync(watched, "activities-script-name"); // also: no dialog opened, no console error
    }

    [Fact]
    public async Task A_cookie_authenticated_post_without_the_antiforgery_token_is_refused()
    {
        (_, string key) = await host.CreateRunnerAsync();
        await using WatchedPage watched = await host.NewPageAsync();
        await DashboardHost.SignInAsync(watched.Page, key);
        IAPIRequestContext request = watched.Context.APIRequest; // shares the browser's cookies
        var checkin = new Dictionary<string, object> { ["date"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), ["bodyPart"] = "calves", ["soreness"] = 3 };

        IAPIResponse withoutToken = await request.PostAsync("/api/runners/me/checkins", new() { DataObject = checkin });
        Assert.Equal((int)HttpStatusCode.Forbidden, withoutToken.Status);
        Assert.Contains("antiforgery", await withoutToken.TextAsync(), StringComparison.OrdinalIgnoreCase);

        IAPIResponse wrongToken = await request.PostAsync("/api/runners/me/checkins", new()
        {
            DataObject = checkin,
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = "not-a-token" },
        });
        Assert.Equal((int)HttpStatusCode.Forbidden, wrongToken.Status);

        // The same cookie with the page's token is accepted, and reads never need one.
        JsonElement session = JsonDocument.Parse(await (await request.GetAsync("/dashboard/session")).TextAsync()).RootElement;
        Assert.True(session.GetProperty("signedIn").GetBoolean());
        IAPIResponse withToken = await request.PostAsync("/api/runners/me/checkins", new()
        {
            DataObject = checkin,
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = session.GetProperty("csrfToken").GetString()! },
        });
        Assert.Equal((int)HttpStatusCode.Created, withToken.Status);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.checkins"));
    }

    [Fact]
    public async Task Sign_in_without_the_form_token_sets_no_cookie_and_a_wrong_key_is_refused()
    {
        (_, string key) = await host.CreateRunnerAsync();
        await using WatchedPage watched = await host.NewPageAsync();
        IAPIRequestContext request = watched.Context.APIRequest;

        IAPIResponse forged = await request.PostAsync("/dashboard/signin", new()
        {
            Form = FormWith(request, ("apiKey", key)),
            MaxRedirects = 0,
        });
        Assert.Equal(303, forged.Status);
        Assert.EndsWith("/signin.html?error=form", forged.Headers["location"], StringComparison.Ordinal);
        Assert.DoesNotContain(await watched.Context.CookiesAsync(), cookie => cookie.Name == "rr_session");

        IPage page = watched.Page;
        await page.GotoAsync("/signin.html");
        await page.GetByLabel("Your API key").FillAsync("rr_" + new string('A', 43));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/signin.html?error=key");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("not recognised");
        Assert.DoesNotContain(await watched.Context.CookiesAsync(), cookie => cookie.Name == "rr_session");
        Assert.DoesNotContain("rr_", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_strict_the_pages_send_a_strict_csp_and_sign_out_ends_the_session()
    {
        (_, string key) = await host.CreateRunnerAsync();
        await using WatchedPage watched = await host.NewPageAsync();
        IPage page = watched.Page;
        await page.GotoAsync("/signin.html");
        await PageChecks.CheckAsync(watched, "signin");
        await DashboardHost.SignInAsync(page, key);

        BrowserContextCookiesResult session = (await watched.Context.CookiesAsync()).Single(cookie => cookie.Name == "rr_session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(key, session.Value, StringComparison.Ordinal);
        Assert.False(session.Secure); // plain http on loopback: the one case without Secure (docs/dashboard.md)

        IResponse? response = await page.GotoAsync("/index.html");
        string csp = (await response!.AllHeadersAsync())["content-security-policy"];
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin.html");
        Assert.DoesNotContain(await watched.Context.CookiesAsync(), cookie => cookie.Name == "rr_session");
        IAPIResponse after = await watched.Context.APIRequest.GetAsync("/api/runners/me");
        Assert.Equal((int)HttpStatusCode.Unauthorized, after.Status);
    }

    [Fact]
    public async Task The_session_cookie_is_secure_when_the_dashboard_is_reached_through_a_proxy()
    {
        // A proxy nobody listed in RunRecovery:ForwardedHeaders: its scheme is not believed, so the cookie is Secure
        // in case the browser used https. Plain http straight to the host is docs/security.md, "Plain http on a LAN".
        (_, string key) = await host.CreateRunnerAsync();
        using var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = host.Service.BaseAddress };
        client.DefaultRequestHeaders.Host = "runrecovery.example.org";
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        string token = JsonDocument.Parse(await client.GetStringAsync("/dashboard/session", Cancel)).RootElement.GetProperty("csrfToken").GetString()!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = key, ["__RequestVerificationToken"] = token });
        using HttpResponseMessage signIn = await client.PostAsync("/dashboard/signin", form, Cancel);

        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        string cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), value => value.StartsWith("rr_session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static IFormData FormWith(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        IFormData form = request.CreateFormData();
        foreach ((string name, string value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
