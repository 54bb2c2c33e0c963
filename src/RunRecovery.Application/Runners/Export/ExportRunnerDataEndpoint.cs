using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Runners.Export;

public static class ExportRunnerDataEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapGet("/me/export", Handle)
            .RequireAuthorization()
            .WithName("ExportRunnerData")
            .WithSummary("A ZIP of everything held about the runner: original files, activities, check-ins, recommendations, profile, clubs.")
            .WithDescription("Streamed as it is read (no Content-Length). manifest.json lists every part with counts and each original file's SHA-256.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    // Headers go out before the archive is written: a failure part-way aborts the response, so the client sees a
    // truncated download (never a ZIP that looks complete). The runner exists: authentication just read their row.
    private static PushStreamHttpResult Handle(CurrentRunner runner, ISender sender, TimeProvider clock, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            async body => await sender.Send(new ExportRunnerData(runner.Id, body), context.RequestAborted),
            "application/zip",
            $"runrecovery-export-{clock.GetUtcNow():yyyy-MM-dd}.zip");
    }
}
