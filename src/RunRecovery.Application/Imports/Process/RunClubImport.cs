namespace RunRecovery.Application.Imports.Process;

/// <summary>Run or continue one import (the job's message).</summary>
public sealed record RunClubImport(Guid ImportId) : ICommand<ImportRunResult>;

/// <param name="Ran">False when another worker held the import or it had already finished.</param>
/// <param name="Processed">Entries recorded by this run (earlier runs' entries are not counted again).</param>
public sealed record ImportRunResult(bool Ran, string State, int Processed);
