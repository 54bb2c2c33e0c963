namespace RunRecovery.Formats.Fit.Encoding;

/// <summary>How <see cref="FitActivityWriter"/> lays out a file.</summary>
public sealed record FitActivityWriteOptions
{
    public static FitActivityWriteOptions Default { get; } = new();

    /// <summary>Write records whose time is within 31 s of the previous timestamp with compressed-timestamp headers.</summary>
    public bool CompressedTimestamps { get; init; }

    /// <summary>Write every definition big-endian.</summary>
    public bool BigEndian { get; init; }

    /// <summary>Write laps and sessions before the records ("summary first", Garmin since 2023).</summary>
    public bool SummaryFirst { get; init; }

    public int HeaderSize { get; init; } = 14;

    /// <summary>file_id.manufacturer; 255 = development.</summary>
    public ushort Manufacturer { get; init; } = 255;

    public ushort Product { get; init; }

    public uint SerialNumber { get; init; } = 1;
}
