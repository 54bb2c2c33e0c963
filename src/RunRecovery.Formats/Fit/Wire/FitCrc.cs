using System.Runtime.CompilerServices;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>
/// The FIT CRC-16 (CRC-16/ARC: reflected polynomial 0xA001, initial value 0; recovery-science.md §4.5).
/// Slicing-by-8 tables so the whole-file check costs well under a nanosecond per byte.
/// </summary>
public static class FitCrc
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data) => Update(0, data);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        ushort[] t = Table;
        uint c = crc;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint x = c ^ (uint)(data[i] | (data[i + 1] << 8));
            c = (uint)(t[(7 * 256) + (x & 0xFF)] ^ t[(6 * 256) + (x >> 8)]
                ^ t[(5 * 256) + data[i + 2]] ^ t[(4 * 256) + data[i + 3]]
                ^ t[(3 * 256) + data[i + 4]] ^ t[(2 * 256) + data[i + 5]]
                ^ t[256 + data[i + 6]] ^ t[data[i + 7]]);
        }

        for (; i < data.Length; i++)
        {
            c = (c >> 8) ^ t[(c ^ data[i]) & 0xFF];
        }

        return (ushort)c;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[8 * 256];
        for (int b = 0; b < 256; b++)
        {
            uint c = (uint)b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0xA001 : c >> 1;
            }

            table[b] = (ushort)c;
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int b = 0; b < 256; b++)
            {
                ushort previous = table[((slice - 1) * 256) + b];
                table[(slice * 256) + b] = (ushort)((previous >> 8) ^ table[previous & 0xFF]);
            }
        }

        return table;
    }
}
