using System.Buffers.Binary;
using RunRecovery.Formats;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Load;

/// <summary>
/// One FIT run encoded once, then moved in time by patching its timestamps: the open-loop modes need a fresh file
/// per upload (each runner's runs 3 h apart, so none is a duplicate), and encoding 1,801 samples per upload on the
/// measured cores made the load generator part of what it measured. <see cref="At"/> copies the template, adds the
/// shift to every timestamp field and writes the file CRC again: one copy and one pass over ~70 KB.
/// The timestamp fields are found by encoding the run twice, one second apart: a FIT timestamp is a 4-byte count of
/// seconds, so the bytes that differ start at each timestamp field (a carry only reaches that field's higher bytes).
/// </summary>
internal sealed class RunTemplate
{
    private readonly byte[] _template;
    private readonly int[] _timestamps;
    private readonly DateTimeOffset _start;

    private RunTemplate(byte[] template, int[] timestamps, DateTimeOffset start)
    {
        _template = template;
        _timestamps = timestamps;
        _start = start;
    }

    public int Length => _template.Length;

    /// <summary>A template for <see cref="LoadClient.Run"/>'s run; checks once that a shifted copy decodes as that run.</summary>
    public static RunTemplate Create(int minutes, double metersPerSecond)
    {
        DateTimeOffset start = LoadClient.Truncate(DateTimeOffset.UtcNow.AddYears(-2));
        byte[] a = LoadClient.Run(start, minutes, metersPerSecond);
        byte[] b = LoadClient.Run(start.AddSeconds(1), minutes, metersPerSecond);
        if (a.Length != b.Length)
        {
            throw new InvalidOperationException("the run's encoding changed length with its start time");
        }

        var fields = new List<int>();
        int body = a.Length - 2; // the last two bytes are the file CRC
        for (int i = 0; i < body; i++)
        {
            if (a[i] != b[i] && (fields.Count == 0 || i >= fields[^1] + 4))
            {
                fields.Add(i);
            }
        }

        var template = new RunTemplate(a, [.. fields], start);
        DateTimeOffset check = start.AddHours(3 * 1234);
        byte[] shifted = template.At(check);
        if (!shifted.AsSpan().SequenceEqual(LoadClient.Run(check, minutes, metersPerSecond)))
        {
            throw new InvalidOperationException("a shifted template differs from the run encoded at that start");
        }

        if (ActivityFile.Read(shifted, "check.fit").StartUtc != check)
        {
            throw new InvalidOperationException("a shifted template does not decode with its new start");
        }

        return template;
    }

    /// <summary>The run moved to start at <paramref name="start"/> (whole seconds after the template's start).</summary>
    public byte[] At(DateTimeOffset start)
    {
        uint shift = checked((uint)(start - _start).TotalSeconds);
        byte[] file = (byte[])_template.Clone();
        foreach (int at in _timestamps)
        {
            Span<byte> field = file.AsSpan(at, 4);
            BinaryPrimitives.WriteUInt32LittleEndian(field, BinaryPrimitives.ReadUInt32LittleEndian(field) + shift);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(file.Length - 2), FitCrc.Compute(file.AsSpan(0, file.Length - 2)));
        return file;
    }
}
