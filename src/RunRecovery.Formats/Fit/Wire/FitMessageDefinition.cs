namespace RunRecovery.Formats.Fit.Wire;

/// <summary>One field of a definition message: its number, size in bytes, base type and place in the payload.</summary>
public readonly record struct FitFieldDefinition(byte Number, byte Size, FitBaseType BaseType, int Offset)
{
    /// <summary>False when the declared size is not a whole number of base-type elements (read as raw bytes).</summary>
    public bool SizeMatchesType => Size >= FitBaseTypes.SizeOf(BaseType) && Size % FitBaseTypes.SizeOf(BaseType) == 0;
}

/// <summary>A developer field of a definition message, with its description when one was declared before it.</summary>
public readonly record struct FitDeveloperFieldDefinition(byte Number, byte Size, byte DeveloperDataIndex, int Offset);

/// <summary>A decoded definition message: the layout of the data messages of one local message type.</summary>
public sealed class FitMessageDefinition
{
    internal FitMessageDefinition(
        byte localType,
        ushort globalMessageNumber,
        bool bigEndian,
        FitFieldDefinition[] fields,
        FitDeveloperFieldDefinition[] developerFields,
        int dataSize,
        byte[] rawBytes,
        long offset)
    {
        Offset = offset;
        LocalType = localType;
        GlobalMessageNumber = globalMessageNumber;
        BigEndian = bigEndian;
        Fields = fields;
        DeveloperFields = developerFields;
        DataSize = dataSize;
        RawBytes = rawBytes;
        TimestampOffset = -1;
        foreach (FitFieldDefinition field in fields)
        {
            if (field.Number == 253 && field.Size == 4 && field.BaseType is FitBaseType.UInt32 or FitBaseType.UInt32z or FitBaseType.SInt32)
            {
                TimestampOffset = field.Offset;
            }
        }
    }

    public byte LocalType { get; }

    /// <summary>Byte offset of the definition record in the whole input.</summary>
    public long Offset { get; }

    public ushort GlobalMessageNumber { get; }

    public bool BigEndian { get; }

    public IReadOnlyList<FitFieldDefinition> Fields { get; }

    public IReadOnlyList<FitDeveloperFieldDefinition> DeveloperFields { get; }

    /// <summary>Bytes in each data message of this type (after its 1-byte record header).</summary>
    public int DataSize { get; }

    /// <summary>Offset of the uint32 timestamp (field 253) in the payload, or -1.</summary>
    public int TimestampOffset { get; }

    /// <summary>The definition record's bytes after its header byte; identical redefinitions reuse this object.</summary>
    internal byte[] RawBytes { get; }

    public int IndexOf(byte fieldNumber)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Number == fieldNumber)
            {
                return i;
            }
        }

        return -1;
    }
}
