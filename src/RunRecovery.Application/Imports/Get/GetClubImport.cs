using Microsoft.Extensions.Options;
using RunRecovery.Application.Clubs;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Get;

public sealed record GetClubImport(Guid RunnerId, Guid ClubId, Guid ImportId) : IQuery<ImportStatus>;

public sealed class GetClubImportHandler(RunRecoveryDb db, TimeProvider clock, IOptions<ImportOptions> options) : IQueryHandler<GetClubImport, ImportStatus>
{
    public async ValueTask<ImportStatus> Handle(GetClubImport query, CancellationToken cancellationToken)
    {
        await db.RequireAdminAsync(query.ClubId, query.RunnerId, cancellationToken);
        ClubImport import = await db.ClubImports.AsNoTracking()
            .SingleOrDefaultAsync(candidate => candidate.Id == query.ImportId && candidate.ClubId == query.ClubId, cancellationToken)
            ?? throw new NotFoundException($"No import {query.ImportId} in this club.");
        List<ImportProblem> problems = await db.ClubImportEntries.AsNoTracking()
            .Where(entry => entry.ImportId == import.Id && (entry.Outcome == ImportOutcome.Failed || entry.Outcome == ImportOutcome.Skipped))
            .OrderBy(entry => entry.Ordinal)
            .Take(options.Value.MaxReportedProblems)
            .Select(entry => new ImportProblem(entry.Path, entry.Outcome, entry.Code, entry.Message))
            .ToListAsync(cancellationToken);
        ImportCounts counts = await db.CountEntriesAsync(import.Id, cancellationToken);
        return ImportStatus.From(import, counts, problems, clock.GetUtcNow());
    }
}
