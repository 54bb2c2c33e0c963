namespace RunRecovery.Application.Persistence;

/// <summary>What happened to one entry of an archive.</summary>
public static class ImportOutcome
{
    public const string Imported = "imported";
    public const string Duplicate = "duplicate";

    /// <summary>Not an activity file (photos, CSVs, unknown types): left alone and reported.</summary>
    public const string Skipped = "skipped";

    /// <summary>An activity file (or an entry that claims to be one) that could not be imported; the reason says why.</summary>
    public const string Failed = "failed";
}
