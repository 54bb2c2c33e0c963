using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RunRecovery.Web.Tests.Infrastructure;

/// <summary>What every dashboard page must pass: no console errors, no serious or critical axe violations; plus a screenshot.</summary>
public static class PageChecks
{
    public static async Task CheckAsync(WatchedPage watched, string screenshotName)
    {
        IPage page = watched.Page;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A page reports what went wrong in its status line; a test must not pass over one.
        string[] shown = [.. await page.Locator(".status.error").AllTextContentsAsync()];
        Assert.True(shown.Length == 0, $"{page.Url} shows an error: {string.Join(" | ", shown)}");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(DashboardHost.ScreenshotFolder, screenshotName + ".png"),
            FullPage = true,
        });

        AxeResult axe = await page.RunAxe();
        string[] serious = [.. axe.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} — {string.Join("; ", violation.Nodes.Select(node => node.Html))}")];
        Assert.True(serious.Length == 0, $"{page.Url} has accessibility violations:\n{string.Join("\n", serious)}");
        Assert.True(watched.Errors.Count == 0, $"Errors in the browser:\n{string.Join("\n", watched.Errors)}");
    }
}
