using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit;

/// <summary>
/// Reads a FIT activity file (or a chain of FIT files) into the shared <see cref="ParsedActivity"/> model.
/// SEAM: replaced by the real decoder on the `fit` branch before it lands; GPX/TCX code may call it meanwhile.
/// </summary>
public static class FitActivityReader
{
    public static ParsedActivity Read(ReadOnlySpan<byte> data) =>
        throw new ActivityFileException("unsupported-format", $"FIT decoding is not built yet ({data.Length} bytes not read).", 0);
}
