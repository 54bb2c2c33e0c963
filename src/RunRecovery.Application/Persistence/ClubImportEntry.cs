namespace RunRecovery.Application.Persistence;

/// <summary>
/// One entry of an import's archive, by its position in the (deterministic) expansion order. Written in the same
/// transaction as the activity it created, so after a crash the job knows exactly which entries are done.
/// </summary>
public sealed class ClubImportEntry
{
    public Guid ImportId { get; set; }

    public int Ordinal { get; set; }

    public string Path { get; set; } = "";

    public Guid? RunnerId { get; set; }

    public string Outcome { get; set; } = "";

    public Guid? ActivityId { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }
}
