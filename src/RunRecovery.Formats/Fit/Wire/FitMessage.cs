namespace RunRecovery.Formats.Fit.Wire;

/// <summary>
/// A data message as it sits in the buffer: its definition, its payload bytes and its resolved timestamp.
/// Only valid during the sink call that receives it.
/// </summary>
public readonly ref struct FitMessage
{
    public FitMessage(FitMessageDefinition definition, ReadOnlySpan<byte> payload, uint? timestamp, long offset)
    {
        Definition = definition;
        Payload = payload;
        Timestamp = timestamp;
        Offset = offset;
    }

    public FitMessageDefinition Definition { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>FIT seconds (field 253, or the compressed-timestamp header's reconstruction), when known.</summary>
    public uint? Timestamp { get; }

    /// <summary>Byte offset of the record header in the whole input.</summary>
    public long Offset { get; }

    public ushort GlobalMessageNumber => Definition.GlobalMessageNumber;

    public ReadOnlySpan<byte> FieldBytes(in FitFieldDefinition field) => Payload.Slice(field.Offset, field.Size);

    public bool TryGetField(byte number, out FitFieldDefinition field)
    {
        int index = Definition.IndexOf(number);
        if (index < 0)
        {
            field = default;
            return false;
        }

        field = Definition.Fields[index];
        return true;
    }

    /// <summary>The raw (unscaled) number in a field, or null when absent or invalid.</summary>
    public double? GetDouble(byte number) =>
        TryGetField(number, out FitFieldDefinition f) ? FitBaseTypes.ReadDouble(FieldBytes(f), f.BaseType, Definition.BigEndian) : null;

    public long? GetInteger(byte number) =>
        TryGetField(number, out FitFieldDefinition f) ? FitBaseTypes.ReadInteger(FieldBytes(f), f.BaseType, Definition.BigEndian) : null;

    public string? GetString(byte number) =>
        TryGetField(number, out FitFieldDefinition f) && f.BaseType == FitBaseType.String ? FitBaseTypes.ReadString(FieldBytes(f)) : null;

    /// <summary>Every element of an integer array field (e.g. hrv.time), skipping invalid elements.</summary>
    public int GetIntegerArray(byte number, Span<long> destination)
    {
        if (!TryGetField(number, out FitFieldDefinition f) || !FitBaseTypes.IsInteger(f.BaseType))
        {
            return 0;
        }

        int size = FitBaseTypes.SizeOf(f.BaseType);
        ReadOnlySpan<byte> bytes = FieldBytes(f);
        int count = 0;
        for (int i = 0; i + size <= bytes.Length && count < destination.Length; i += size)
        {
            if (FitBaseTypes.ReadInteger(bytes.Slice(i, size), f.BaseType, Definition.BigEndian) is long v)
            {
                destination[count++] = v;
            }
        }

        return count;
    }
}
