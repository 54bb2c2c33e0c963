using RunRecovery.Application.Clubs;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Cancel;

public sealed record CancelClubImport(Guid RunnerId, Guid ClubId, Guid ImportId) : ICommand<ImportStatus>;

/// <summary>
/// Asks the import to stop. A queued import is cancelled at once; a running one stops between two entries (what
/// it imported so far stays). Cancelling a finished import changes nothing (idempotent).
/// </summary>
public sealed class CancelClubImportHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<CancelClubImport, ImportStatus>
{
    public async ValueTask<ImportStatus> Handle(CancelClubImport command, CancellationToken cancellationToken)
    {
        await db.RequireAdminAsync(command.ClubId, command.RunnerId, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        await db.ClubImports
            .Where(import => import.Id == command.ImportId && import.ClubId == command.ClubId && import.State == ImportState.Queued)
            .ExecuteUpdateAsync(set => set
                .SetProperty(import => import.State, ImportState.Cancelled)
                .SetProperty(import => import.CancelRequested, true)
                .SetProperty(import => import.FinishedAt, now), cancellationToken);
        await db.ClubImports
            .Where(import => import.Id == command.ImportId && import.ClubId == command.ClubId && import.State == ImportState.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(import => import.CancelRequested, true), cancellationToken);

        ClubImport current = await db.ClubImports.AsNoTracking()
            .SingleOrDefaultAsync(import => import.Id == command.ImportId && import.ClubId == command.ClubId, cancellationToken)
            ?? throw new NotFoundException($"No import {command.ImportId} in this club.");
        return ImportStatus.From(current, await db.CountEntriesAsync(current.Id, cancellationToken), [], now);
    }
}
