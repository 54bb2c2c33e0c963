using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RunRecovery.Web.Tests.Infrastructure;

/// <summary>
/// What every dashboard page must pass once drawn: no error in its status line, nothing wider than the window
/// (no sideways scrolling), no serious or critical axe-core violation, no console error; plus a screenshot.
/// </summary>
public static class PageChecks
{
    /// <summary>Set to a folder (docs/screenshots) to also write the screenshots shown in docs/dashboard.md there.</summary>
    public const string DocsFolderVariable = "RUNRECOVERY_DOC_SCREENSHOTS";

    public static async Task CheckAsync(WatchedPage watched, string screenshotName)
    {
        IPage page = watched.Page;
        await DashboardHost.WaitForReadyAsync(page);
        // A page reports what went wrong in its status line; a test must not pass over one.
        string[] shown = [.. await page.Locator(".status.error").AllTextContentsAsync()];
        Assert.True(shown.Length == 0, $"{page.Url} shows an error: {string.Join(" | ", shown)}");
        await AssertNoSidewaysScrollingAsync(page);
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

    /// <summary>The page is no wider than the window: document and body scroll widths at most innerWidth.</summary>
    public static async Task AssertNoSidewaysScrollingAsync(IPage page)
    {
        int[] widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2],
            $"{page.Url} scrolls sideways: scrollWidth {widths[0]} (body {widths[1]}) > innerWidth {widths[2]}. "
            + $"Wider than the window: {await WidestAsync(page)}");
    }

    /// <summary>
    /// Writes a screenshot for the docs when <see cref="DocsFolderVariable"/> names a folder (else nothing): the top
    /// of the page, at most two screens tall, so the files stay small.
    /// </summary>
    public static async Task DocScreenshotAsync(IPage page, string name)
    {
        string? folder = Environment.GetEnvironmentVariable(DocsFolderVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        int[] size = await page.EvaluateAsync<int[]>("() => [window.innerWidth, window.innerHeight, document.documentElement.scrollHeight]");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, name + ".png"),
            FullPage = true,
            Clip = new Clip { X = 0, Y = 0, Width = size[0], Height = Math.Min(size[2], size[1] * 2) },
        });
    }

    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>(
        """
        () => [...document.querySelectorAll('body *')]
          .filter(node => node.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 5)
          .map(node => `${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}${node.className && typeof node.className === 'string' ? '.' + node.className.split(' ').join('.') : ''} (right ${Math.round(node.getBoundingClientRect().right)})`)
          .join(', ')
        """);
}
