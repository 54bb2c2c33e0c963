using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>Receives what <see cref="FitDecoder"/> finds, in file order.</summary>
public interface IFitMessageSink
{
    /// <summary>A FIT file header (once per chained file).</summary>
    void OnFileHeader(in FitFileHeader header);

    /// <summary>A definition message; replaces the previous definition of the same local type.</summary>
    void OnDefinition(FitMessageDefinition definition);

    /// <summary>A data message. The span inside is only valid during this call.</summary>
    void OnMessage(in FitMessage message);

    /// <summary>A developer field description (also passed to <see cref="OnMessage"/> as message 206).</summary>
    void OnDeveloperFieldDescription(FitDeveloperFieldDescription description);

    void OnWarning(FormatWarning warning);
}

/// <summary>A FIT file header as read (recovery-science.md §4.1).</summary>
public readonly record struct FitFileHeader(
    long Offset,
    byte HeaderSize,
    byte ProtocolVersion,
    ushort ProfileVersion,
    uint DataSize,
    ushort? HeaderCrc);
