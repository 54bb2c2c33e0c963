using System.Buffers.Binary;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>FIT base types (recovery-science.md §4.4). The value is the byte a definition carries.</summary>
public enum FitBaseType : byte
{
    Enum = 0x00,
    SInt8 = 0x01,
    UInt8 = 0x02,
    SInt16 = 0x83,
    UInt16 = 0x84,
    SInt32 = 0x85,
    UInt32 = 0x86,
    String = 0x07,
    Float32 = 0x88,
    Float64 = 0x89,
    UInt8z = 0x0A,
    UInt16z = 0x8B,
    UInt32z = 0x8C,
    Byte = 0x0D,
    SInt64 = 0x8E,
    UInt64 = 0x8F,
    UInt64z = 0x90,
}

/// <summary>Sizes, sentinels and raw reads of base-type values. Raw means before scale and offset.</summary>
public static class FitBaseTypes
{
    private static readonly FitBaseType[] ByNumber =
    [
        FitBaseType.Enum, FitBaseType.SInt8, FitBaseType.UInt8, FitBaseType.SInt16, FitBaseType.UInt16,
        FitBaseType.SInt32, FitBaseType.UInt32, FitBaseType.String, FitBaseType.Float32, FitBaseType.Float64,
        FitBaseType.UInt8z, FitBaseType.UInt16z, FitBaseType.UInt32z, FitBaseType.Byte, FitBaseType.SInt64,
        FitBaseType.UInt64, FitBaseType.UInt64z,
    ];

    /// <summary>Maps a definition's base-type byte to a known type; false when the number is not a FIT base type.</summary>
    public static bool TryNormalize(byte raw, out FitBaseType type)
    {
        int number = raw & 0x1F;
        if (number < ByNumber.Length)
        {
            type = ByNumber[number];
            return true;
        }

        type = FitBaseType.Byte;
        return false;
    }

    public static int SizeOf(FitBaseType type) => type switch
    {
        FitBaseType.SInt16 or FitBaseType.UInt16 or FitBaseType.UInt16z => 2,
        FitBaseType.SInt32 or FitBaseType.UInt32 or FitBaseType.UInt32z or FitBaseType.Float32 => 4,
        FitBaseType.Float64 or FitBaseType.SInt64 or FitBaseType.UInt64 or FitBaseType.UInt64z => 8,
        _ => 1,
    };

    public static bool IsInteger(FitBaseType type) =>
        type is not (FitBaseType.String or FitBaseType.Float32 or FitBaseType.Float64);

    /// <summary>
    /// Reads the first element of a numeric field as a double; null when it holds the type's invalid sentinel,
    /// when the field is a string, or when the field is narrower than its base type.
    /// </summary>
    public static double? ReadDouble(ReadOnlySpan<byte> field, FitBaseType type, bool bigEndian)
    {
        switch (type)
        {
            case FitBaseType.Float32:
                if (field.Length < 4)
                {
                    return null;
                }

                uint bits = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
                if (bits == 0xFFFFFFFF)
                {
                    return null;
                }

                float f = BitConverter.UInt32BitsToSingle(bits);
                return float.IsFinite(f) ? f : null;
            case FitBaseType.Float64:
                if (field.Length < 8)
                {
                    return null;
                }

                ulong bits64 = bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(field) : BinaryPrimitives.ReadUInt64LittleEndian(field);
                if (bits64 == ulong.MaxValue)
                {
                    return null;
                }

                double d = BitConverter.UInt64BitsToDouble(bits64);
                return double.IsFinite(d) ? d : null;
            case FitBaseType.String:
                return null;
            default:
                return ReadInteger(field, type, bigEndian) is long v ? v : null;
        }
    }

    /// <summary>Reads the first element of an integer field; null for the invalid sentinel or a too-narrow field.</summary>
    public static long? ReadInteger(ReadOnlySpan<byte> field, FitBaseType type, bool bigEndian)
    {
        switch (type)
        {
            case FitBaseType.Enum or FitBaseType.UInt8 or FitBaseType.Byte:
                return field.Length < 1 || field[0] == 0xFF ? null : field[0];
            case FitBaseType.UInt8z:
                return field.Length < 1 || field[0] == 0 ? null : field[0];
            case FitBaseType.SInt8:
                return field.Length < 1 || field[0] == 0x7F ? null : (sbyte)field[0];
            case FitBaseType.UInt16 or FitBaseType.UInt16z or FitBaseType.SInt16:
                {
                    if (field.Length < 2)
                    {
                        return null;
                    }

                    ushort u = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(field) : BinaryPrimitives.ReadUInt16LittleEndian(field);
                    return type switch
                    {
                        FitBaseType.UInt16 => u == 0xFFFF ? null : u,
                        FitBaseType.UInt16z => u == 0 ? null : u,
                        _ => u == 0x7FFF ? null : (short)u,
                    };
                }

            case FitBaseType.UInt32 or FitBaseType.UInt32z or FitBaseType.SInt32:
                {
                    if (field.Length < 4)
                    {
                        return null;
                    }

                    uint u = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
                    return type switch
                    {
                        FitBaseType.UInt32 => u == 0xFFFFFFFF ? null : u,
                        FitBaseType.UInt32z => u == 0 ? null : u,
                        _ => u == 0x7FFFFFFF ? null : (int)u,
                    };
                }

            case FitBaseType.UInt64 or FitBaseType.UInt64z or FitBaseType.SInt64:
                {
                    if (field.Length < 8)
                    {
                        return null;
                    }

                    ulong u = bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(field) : BinaryPrimitives.ReadUInt64LittleEndian(field);
                    return type switch
                    {
                        // Values above long.MaxValue cannot be represented here; treated as absent.
                        FitBaseType.UInt64 => u == ulong.MaxValue || u > long.MaxValue ? null : (long)u,
                        FitBaseType.UInt64z => u == 0 || u > long.MaxValue ? null : (long)u,
                        _ => u == 0x7FFFFFFFFFFFFFFF ? null : (long)u,
                    };
                }

            default:
                return null;
        }
    }

    /// <summary>A NUL-terminated UTF-8 string; null when empty.</summary>
    public static string? ReadString(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        ReadOnlySpan<byte> text = end < 0 ? field : field[..end];
        return text.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(text);
    }
}
