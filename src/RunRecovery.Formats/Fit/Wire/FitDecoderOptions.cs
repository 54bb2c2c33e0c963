namespace RunRecovery.Formats.Fit.Wire;

/// <summary>How strictly <see cref="FitDecoder"/> treats damage that still leaves the data readable.</summary>
public sealed record FitDecoderOptions
{
    public static FitDecoderOptions Default { get; } = new();

    /// <summary>When true a file CRC mismatch throws <see cref="FitIntegrityException"/>; otherwise it is a warning.</summary>
    public bool StrictCrc { get; init; }
}
