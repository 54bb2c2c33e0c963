using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>
/// The FIT CRC-16 (CRC-16/ARC: reflected polynomial 0xA001, initial value 0; recovery-science.md §4.5).
/// Long inputs are folded with carry-less multiplication (PCLMULQDQ) where the processor has it, 64 bytes a step;
/// the rest, and every input on other processors, goes through slicing-by-8 tables.
/// </summary>
/// <remarks>
/// Issue 18: the table loop was a fifth of the whole decode into ParsedActivity (≈ 0.8 ms of 4 ms for a 1.1 MB
/// file, docs/benchmarks.md). The folding is the reflected CRC-32 scheme of Intel's "Fast CRC Computation for
/// Generic Polynomials Using PCLMULQDQ" (Gopal et al., 2009), as zlib's crc32_simd uses it, applied to the
/// degree-32 polynomial Q(x) = x¹⁶·P(x): M·x³² mod x¹⁶P = x¹⁶·(M·x¹⁶ mod P), whose reflected 32-bit form is
/// exactly the CRC-16 (upper half zero). The constants are derived from P (<see cref="FoldingConstants.For"/>), not copied.
/// </remarks>
public static class FitCrc
{
    /// <summary>Q(x) = x¹⁶·(x¹⁶ + x¹⁵ + x² + 1), degree 32: the CRC-16 polynomial as a CRC-32 one.</summary>
    internal const ulong Polynomial = 0x18005UL << 16;
    private const int FoldingMinimum = 64;

    private static readonly ushort[] Table = BuildTable();
    // FoldingConstants.For(Polynomial), written out so a short process does not derive them at start-up
    // (FitWireFormatTests checks that the derivation gives exactly these).
    private static readonly FoldingConstants Constants = new(
        Vector128.Create(0x1b0c2UL, 0xbffaUL),
        Vector128.Create(0x1d0c2UL, 0x18cc2UL),
        Vector128.CreateScalar(0x1bc02UL),
        Vector128.Create(0x14003UL, 0x1cfffbfffUL));

    public static ushort Compute(ReadOnlySpan<byte> data) => Update(0, data);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        if (data.Length >= FoldingMinimum && Pclmulqdq.IsSupported)
        {
            int folded = data.Length & ~15;
            crc = Fold(crc, data[..folded]);
            data = data[folded..];
        }

        return UpdateTable(crc, data);
    }

    /// <summary>The table path alone (every input on processors without PCLMULQDQ; the reference in tests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    internal static ushort UpdateTable(ushort crc, ReadOnlySpan<byte> data)
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

    /// <summary>CRC of a multiple of 16 bytes, at least 64: four lanes folded 64 bytes a step, then one, then Barrett.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ushort Fold(ushort crc, ReadOnlySpan<byte> data)
    {
        FoldingConstants k = Constants;
        Vector128<ulong> x1 = Load(data, 0) ^ Vector128.CreateScalar((ulong)crc);
        Vector128<ulong> x2 = Load(data, 16);
        Vector128<ulong> x3 = Load(data, 32);
        Vector128<ulong> x4 = Load(data, 48);
        int p = 64;
        for (; data.Length - p >= 64; p += 64)
        {
            x1 = FoldInto(x1, k.K1K2, Load(data, p));
            x2 = FoldInto(x2, k.K1K2, Load(data, p + 16));
            x3 = FoldInto(x3, k.K1K2, Load(data, p + 32));
            x4 = FoldInto(x4, k.K1K2, Load(data, p + 48));
        }

        x1 = FoldInto(x1, k.K3K4, x2);
        x1 = FoldInto(x1, k.K3K4, x3);
        x1 = FoldInto(x1, k.K3K4, x4);
        for (; data.Length - p >= 16; p += 16)
        {
            x1 = FoldInto(x1, k.K3K4, Load(data, p));
        }

        // 128 → 64 bits, then 64 → 32 with Barrett reduction (zlib crc32_simd.c, same steps).
        Vector128<ulong> low32s = Vector128.Create(0xFFFFFFFFUL);
        Vector128<ulong> t = Pclmulqdq.CarrylessMultiply(x1, k.K3K4, 0x10);
        x1 = Sse2.ShiftRightLogical128BitLane(x1, 8) ^ t;
        t = Sse2.ShiftRightLogical128BitLane(x1, 4);
        x1 = Pclmulqdq.CarrylessMultiply(x1 & low32s, k.K5, 0x00) ^ t;
        t = Pclmulqdq.CarrylessMultiply(x1 & low32s, k.MuPolynomial, 0x10) & low32s;
        x1 ^= Pclmulqdq.CarrylessMultiply(t, k.MuPolynomial, 0x00);
        return (ushort)(x1.AsUInt32().GetElement(1) & 0xFFFF); // x^16·CRC mod Q: the upper half is zero
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> FoldInto(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ReadOnlySpan<byte> data, int offset) =>
        Vector128.Create(data.Slice(offset, 16)).AsUInt64();

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

    /// <summary>
    /// Folding constants of a reflected CRC of a degree-32 polynomial (Gopal et al. 2009): kᵢ = reflect₃₂(xᵉ mod Q)·2
    /// for e = 4·128±32 (K1, K2), 128±32 (K3, K4) and 64 (K5); μ = reflect₃₃(⌊x⁶⁴ / Q⌋) and reflect₃₃(Q).
    /// For the CRC-32 polynomial these give zlib's published constants (FitWireFormatTests checks it).
    /// </summary>
    internal sealed record FoldingConstants(Vector128<ulong> K1K2, Vector128<ulong> K3K4, Vector128<ulong> K5, Vector128<ulong> MuPolynomial)
    {
        public static FoldingConstants For(ulong polynomial) => new(
            Vector128.Create(Key(544, polynomial), Key(480, polynomial)),
            Vector128.Create(Key(160, polynomial), Key(96, polynomial)),
            Vector128.CreateScalar(Key(64, polynomial)),
            Vector128.Create(Reflect(polynomial, 33), Reflect(Quotient64(polynomial), 33)));

        private static ulong Key(int exponent, ulong polynomial)
        {
            ulong r = 1;
            for (int i = 0; i < exponent; i++)
            {
                r <<= 1;
                if ((r >> 32) != 0)
                {
                    r ^= polynomial;
                }
            }

            return Reflect(r, 32) << 1;
        }

        private static ulong Quotient64(ulong polynomial)
        {
            // x^64 / Q: long division over GF(2), tracking the remainder's bits above the divisor's degree.
            UInt128 remainder = UInt128.One << 64;
            ulong quotient = 0;
            for (int bit = 64; bit >= 32; bit--)
            {
                if (((remainder >> bit) & UInt128.One) != UInt128.Zero)
                {
                    quotient |= 1UL << (bit - 32);
                    remainder ^= (UInt128)polynomial << (bit - 32);
                }
            }

            return quotient;
        }

        private static ulong Reflect(ulong value, int bits)
        {
            ulong r = 0;
            for (int i = 0; i < bits; i++)
            {
                r |= ((value >> i) & 1) << (bits - 1 - i);
            }

            return r;
        }
    }
}
