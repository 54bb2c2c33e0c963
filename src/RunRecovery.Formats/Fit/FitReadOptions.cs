namespace RunRecovery.Formats.Fit;

/// <summary>Options for <see cref="FitActivityReader"/>.</summary>
public sealed record FitReadOptions
{
    public static FitReadOptions Default { get; } = new();

    /// <summary>A file CRC mismatch becomes a <see cref="FitIntegrityException"/> instead of a warning.</summary>
    public bool StrictCrc { get; init; }

    /// <summary>
    /// On damage, return what was decoded with <see cref="Model.ParsedActivity.Error"/> set instead of throwing
    /// (the exception would carry the same object in <see cref="Errors.ActivityFileException.Partial"/>).
    /// </summary>
    public bool ReturnPartialOnError { get; init; }
}
