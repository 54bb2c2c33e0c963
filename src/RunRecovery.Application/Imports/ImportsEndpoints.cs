using RunRecovery.Application.Authentication;
using RunRecovery.Application.Imports.Cancel;
using RunRecovery.Application.Imports.Get;
using RunRecovery.Application.Imports.Start;

namespace RunRecovery.Application.Imports;

/// <summary>Club imports: start (streamed upload), follow, cancel. Admins only; other clubs' imports are 404.</summary>
public static class ImportsEndpoints
{
    public static void Map(RouteGroupBuilder clubs)
    {
        StartClubImportEndpoint.Map(clubs);
        clubs.MapGet("/{clubId:guid}/imports/{importId:guid}", GetAsync)
            .WithName("GetClubImport")
            .WithSummary("Admins: an import's state, counts, per-file problems, times and throughput.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        clubs.MapDelete("/{clubId:guid}/imports/{importId:guid}", CancelAsync)
            .WithName("CancelClubImport")
            .WithSummary("Admins: cancel an import (a running one stops between two files; what it imported stays).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<ImportStatus>> GetAsync(
        Guid clubId, Guid importId, CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetClubImport(runner.Id, clubId, importId), cancellationToken));

    private static async Task<Accepted<ImportStatus>> CancelAsync(
        Guid clubId, Guid importId, CurrentRunner runner, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/clubs/{clubId}/imports/{importId}",
            await sender.Send(new CancelClubImport(runner.Id, clubId, importId), cancellationToken));
}
