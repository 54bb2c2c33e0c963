namespace RunRecovery.Formats.Fit.Encoding;

/// <summary>The last full timestamp written, which compressed-timestamp records count from.</summary>
internal sealed class FitTimestampState
{
    public uint LastTimestamp { get; set; }

    public bool HaveTimestamp { get; private set; }

    public void Set(uint timestamp)
    {
        LastTimestamp = timestamp;
        HaveTimestamp = true;
    }
}
