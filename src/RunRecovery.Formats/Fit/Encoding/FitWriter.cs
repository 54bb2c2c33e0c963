using System.Buffers;
using System.Buffers.Binary;
using RunRecovery.Formats.Fit.Wire;

namespace RunRecovery.Formats.Fit.Encoding;

/// <summary>A field of a definition the writer will emit.</summary>
public readonly record struct FitFieldSpec(byte Number, byte Size, FitBaseType BaseType)
{
    public static FitFieldSpec Of(byte number, FitBaseType type, int elements = 1) =>
        new(number, (byte)(FitBaseTypes.SizeOf(type) * elements), type);
}

/// <summary>A developer field of a definition the writer will emit.</summary>
public readonly record struct FitDeveloperFieldSpec(byte Number, byte Size, byte DeveloperDataIndex, FitBaseType BaseType);

/// <summary>File-level settings of <see cref="FitWriter"/>.</summary>
public sealed record FitWriterOptions
{
    /// <summary>14 (with header CRC) or 12 (legacy, no header CRC).</summary>
    public int HeaderSize { get; init; } = 14;

    /// <summary>Write 0x0000 ("not computed") instead of the header CRC.</summary>
    public bool OmitHeaderCrc { get; init; }

    public byte ProtocolVersion { get; init; } = 0x20;

    public ushort ProfileVersion { get; init; } = 21158;
}

/// <summary>
/// The FIT wire format, written: definitions, normal and compressed-timestamp data records, header and CRCs.
/// Values are raw (scaled by the caller); <see cref="FitValue.Invalid"/> writes the base type's sentinel.
/// </summary>
public sealed class FitWriter
{
    private readonly FitWriterOptions _options;
    private readonly ArrayBufferWriter<byte> _data = new(4096);
    private readonly Definition?[] _definitions = new Definition?[16];
    private readonly List<byte[]> _completedFiles = [];

    public FitWriter(FitWriterOptions? options = null)
    {
        _options = options ?? new FitWriterOptions();
        if (_options.HeaderSize is not (12 or 14))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "A FIT header has 12 or 14 bytes.");
        }
    }

    /// <summary>Bytes of data records written so far in the current file.</summary>
    public long DataLength => _data.WrittenCount;

    public FitWriter Define(
        byte localType,
        ushort globalMessageNumber,
        IReadOnlyList<FitFieldSpec> fields,
        IReadOnlyList<FitDeveloperFieldSpec>? developerFields = null,
        bool bigEndian = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localType, (byte)15);
        developerFields ??= [];
        bool hasDeveloper = developerFields.Count > 0;
        WriteByte((byte)(0x40 | (hasDeveloper ? 0x20 : 0) | localType));
        WriteByte(0);
        WriteByte(bigEndian ? (byte)1 : (byte)0);
        Span<byte> global = stackalloc byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(global, globalMessageNumber);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(global, globalMessageNumber);
        }

        _data.Write<byte>(global);
        WriteByte((byte)fields.Count);
        foreach (FitFieldSpec field in fields)
        {
            WriteByte(field.Number);
            WriteByte(field.Size);
            WriteByte((byte)field.BaseType);
        }

        if (hasDeveloper)
        {
            WriteByte((byte)developerFields.Count);
            foreach (FitDeveloperFieldSpec field in developerFields)
            {
                WriteByte(field.Number);
                WriteByte(field.Size);
                WriteByte(field.DeveloperDataIndex);
            }
        }

        _definitions[localType] = new Definition([.. fields], [.. developerFields], bigEndian);
        return this;
    }

    /// <summary>A data record with a normal header: one value per field, then one per developer field.</summary>
    public FitWriter Write(byte localType, params ReadOnlySpan<FitValue> values)
    {
        Definition definition = _definitions[localType] ?? throw new InvalidOperationException($"Local message type {localType} is not defined.");
        WriteByte(localType);
        WriteValues(definition, values);
        return this;
    }

    /// <summary>A data record with a compressed-timestamp header (local types 0–3; the low 5 bits of the time).</summary>
    public FitWriter WriteCompressed(byte localType, uint timestamp, params ReadOnlySpan<FitValue> values)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localType, (byte)3);
        Definition definition = _definitions[localType] ?? throw new InvalidOperationException($"Local message type {localType} is not defined.");
        WriteByte((byte)(0x80 | (localType << 5) | (int)(timestamp & 0x1F)));
        WriteValues(definition, values);
        return this;
    }

    /// <summary>Arbitrary bytes in the data section (tests use it to build malformed files).</summary>
    public FitWriter WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _data.Write<byte>(bytes);
        return this;
    }

    /// <summary>Closes the current file (header, data, CRC) and starts another one chained after it.</summary>
    public FitWriter StartChainedFile()
    {
        _completedFiles.Add(CompleteFile());
        _data.ResetWrittenCount();
        Array.Clear(_definitions);
        return this;
    }

    public byte[] ToArray()
    {
        byte[] last = CompleteFile();
        if (_completedFiles.Count == 0)
        {
            return last;
        }

        return [.. _completedFiles.SelectMany(f => f), .. last];
    }

    private byte[] CompleteFile()
    {
        int headerSize = _options.HeaderSize;
        byte[] file = new byte[headerSize + _data.WrittenCount + 2];
        file[0] = (byte)headerSize;
        file[1] = _options.ProtocolVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), _options.ProfileVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)_data.WrittenCount);
        ".FIT"u8.CopyTo(file.AsSpan(8));
        if (headerSize == 14 && !_options.OmitHeaderCrc)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), FitCrc.Compute(file.AsSpan(0, 12)));
        }

        _data.WrittenSpan.CopyTo(file.AsSpan(headerSize));
        ushort crc = FitCrc.Compute(file.AsSpan(0, file.Length - 2));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(file.Length - 2), crc);
        return file;
    }

    private void WriteByte(byte value)
    {
        _data.GetSpan(1)[0] = value;
        _data.Advance(1);
    }

    private void WriteValues(Definition definition, ReadOnlySpan<FitValue> values)
    {
        int total = definition.Fields.Length + definition.DeveloperFields.Length;
        if (values.Length != total)
        {
            throw new ArgumentException($"The definition has {total} fields but {values.Length} values were given.", nameof(values));
        }

        Span<byte> buffer = stackalloc byte[255];
        for (int i = 0; i < definition.Fields.Length; i++)
        {
            FitFieldSpec field = definition.Fields[i];
            Span<byte> target = buffer[..field.Size];
            Encode(values[i], field.BaseType, definition.BigEndian, target);
            _data.Write<byte>(target);
        }

        for (int i = 0; i < definition.DeveloperFields.Length; i++)
        {
            FitDeveloperFieldSpec field = definition.DeveloperFields[i];
            Span<byte> target = buffer[..field.Size];
            Encode(values[definition.Fields.Length + i], field.BaseType, definition.BigEndian, target);
            _data.Write<byte>(target);
        }
    }

    private static void Encode(FitValue value, FitBaseType type, bool bigEndian, Span<byte> target)
    {
        int size = FitBaseTypes.SizeOf(type);
        switch (value.Kind)
        {
            case FitValueKind.Text:
                target.Clear();
                byte[] text = System.Text.Encoding.UTF8.GetBytes((string)value.Reference!);
                text.AsSpan(0, Math.Min(text.Length, Math.Max(0, target.Length - 1))).CopyTo(target);
                return;
            case FitValueKind.Bytes:
                target.Fill(0xFF);
                byte[] bytes = (byte[])value.Reference!;
                bytes.AsSpan(0, Math.Min(bytes.Length, target.Length)).CopyTo(target);
                return;
            default:
                break;
        }

        for (int offset = 0; offset + size <= target.Length; offset += size)
        {
            Span<byte> element = target.Slice(offset, size);
            FitValue item = value.Kind switch
            {
                FitValueKind.IntegerArray => offset / size < ((long[])value.Reference!).Length
                    ? FitValue.Of(((long[])value.Reference!)[offset / size])
                    : FitValue.Invalid,
                _ => offset == 0 ? value : FitValue.Invalid,
            };
            EncodeElement(item, type, bigEndian, element);
        }

        // A trailing remainder narrower than the type (deliberately malformed sizes) is filled with 0xFF.
        target[(target.Length - (target.Length % size))..].Fill(0xFF);
    }

    private static void EncodeElement(FitValue value, FitBaseType type, bool bigEndian, Span<byte> element)
    {
        if (value.Kind == FitValueKind.Invalid)
        {
            WriteInvalid(type, bigEndian, element);
            return;
        }

        switch (type)
        {
            case FitBaseType.Float32:
                WriteUInt(BitConverter.SingleToUInt32Bits((float)value.Number), 4, bigEndian, element);
                return;
            case FitBaseType.Float64:
                WriteUInt(BitConverter.DoubleToUInt64Bits(value.Number), 8, bigEndian, element);
                return;
            default:
                // A value the type cannot hold is written as "invalid", never wrapped around.
                (long min, long max) = type switch
                {
                    FitBaseType.SInt8 => (sbyte.MinValue, sbyte.MaxValue - 1),
                    FitBaseType.SInt16 => (short.MinValue, short.MaxValue - 1),
                    FitBaseType.SInt32 => (int.MinValue, int.MaxValue - 1L),
                    FitBaseType.SInt64 => (long.MinValue, long.MaxValue - 1),
                    FitBaseType.UInt16 or FitBaseType.UInt16z => (0, ushort.MaxValue - 1),
                    FitBaseType.UInt32 or FitBaseType.UInt32z => (0, uint.MaxValue - 1L),
                    FitBaseType.UInt64 or FitBaseType.UInt64z => (0, long.MaxValue),
                    _ => (0, byte.MaxValue - 1),
                };
                if (value.Integer < min || value.Integer > max)
                {
                    WriteInvalid(type, bigEndian, element);
                    return;
                }

                WriteUInt(unchecked((ulong)value.Integer), element.Length, bigEndian, element);
                return;
        }
    }

    private static void WriteInvalid(FitBaseType type, bool bigEndian, Span<byte> element)
    {
        ulong sentinel = type switch
        {
            FitBaseType.SInt8 => 0x7F,
            FitBaseType.SInt16 => 0x7FFF,
            FitBaseType.SInt32 => 0x7FFFFFFF,
            FitBaseType.SInt64 => 0x7FFFFFFFFFFFFFFF,
            FitBaseType.UInt8z or FitBaseType.UInt16z or FitBaseType.UInt32z or FitBaseType.UInt64z or FitBaseType.String => 0,
            _ => ulong.MaxValue,
        };
        WriteUInt(sentinel, element.Length, bigEndian, element);
    }

    private static void WriteUInt(ulong value, int size, bool bigEndian, Span<byte> element)
    {
        for (int i = 0; i < size; i++)
        {
            byte b = (byte)(value >> (8 * i));
            element[bigEndian ? size - 1 - i : i] = b;
        }
    }

    private sealed record Definition(FitFieldSpec[] Fields, FitDeveloperFieldSpec[] DeveloperFields, bool BigEndian);
}
