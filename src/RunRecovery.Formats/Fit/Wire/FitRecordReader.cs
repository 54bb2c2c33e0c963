using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RunRecovery.Formats.Fit.Mapping;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>
/// The records of one FIT file's data section: record headers (normal and compressed-timestamp), definition
/// messages, data messages with their timestamp resolved, and developer field descriptions. Holds what a file
/// declares as it goes (the 16 local definitions, the last timestamp, the descriptions); <see cref="FitDecoder"/>
/// frames the records and resets this at each file header.
/// </summary>
internal sealed class FitRecordReader
{
    private const uint NoTimestamp = 0xFFFFFFFF;

    private readonly FitMessageDefinition?[] _definitions = new FitMessageDefinition?[16];
    private readonly Dictionary<int, FitDeveloperFieldDescription> _descriptions = [];
    private uint _lastTimestamp;
    private bool _haveTimestamp;
    private bool _warnedCompressedWithoutReference;
    private bool _warnedSizeMismatch;

    public FitDeveloperFieldDescription? GetDeveloperFieldDescription(byte developerDataIndex, byte fieldNumber) =>
        _descriptions.TryGetValue((developerDataIndex << 8) | fieldNumber, out FitDeveloperFieldDescription? d) ? d : null;

    /// <summary>A new file: nothing declared by the previous one carries over.</summary>
    public void Reset()
    {
        Array.Clear(_definitions);
        _descriptions.Clear();
        _haveTimestamp = false;
    }

    /// <summary>
    /// The total length of the record at the start of <paramref name="span"/> (at byte <paramref name="position"/>),
    /// or -1 when more bytes are needed to know it (then <paramref name="minimumKnown"/> is a lower bound).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // issue 18: once per record, into FitDecoder's loop
    public int Length(ReadOnlySpan<byte> span, long position, out int minimumKnown)
    {
        byte header = span[0];
        minimumKnown = 1;
        if ((header & 0x80) == 0 && (header & 0x40) != 0)
        {
            // Definition: header, reserved, architecture, global (2), field count, 3 bytes per field.
            minimumKnown = 6;
            if (span.Length < 6)
            {
                return -1;
            }

            int length = 6 + (3 * span[5]);
            if ((header & 0x20) != 0)
            {
                minimumKnown = length + 1;
                if (span.Length < length + 1)
                {
                    return -1;
                }

                length += 1 + (3 * span[length]);
            }

            return length;
        }

        int local = (header & 0x80) != 0 ? (header >> 5) & 0x03 : header & 0x0F;
        FitMessageDefinition? definition = _definitions[local];
        return definition is null ? ThrowUndefined(local, position) : 1 + definition.DataSize;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ThrowUndefined(int local, long position) =>
        throw new FitFormatException(
            "undefined-local-message",
            $"The data record at byte {position} uses local message type {local}, which no definition declared.",
            position);

    /// <summary>Reads one whole record (its length checked by <see cref="Length"/>) that starts at byte <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: once per record, optimized from the first call
    public void Read(ReadOnlySpan<byte> record, long position, IFitMessageSink sink)
    {
        byte header = record[0];
        if ((header & 0x80) == 0 && (header & 0x40) != 0)
        {
            ReadDefinition(record, position, sink);
            return;
        }

        uint? timestamp = null;
        FitMessageDefinition definition;
        if ((header & 0x80) != 0)
        {
            definition = _definitions[(header >> 5) & 0x03]!; // Length has checked it exists.
            uint offset = (uint)(header & 0x1F);
            if (_haveTimestamp)
            {
                _lastTimestamp += (offset - (_lastTimestamp & 0x1F)) & 0x1F;
                timestamp = _lastTimestamp;
            }
            else if (!_warnedCompressedWithoutReference)
            {
                _warnedCompressedWithoutReference = true;
                sink.OnWarning(new FormatWarning(
                    "compressed-timestamp-without-reference",
                    "A compressed-timestamp record comes before any full timestamp; its time is unknown.",
                    position));
            }
        }
        else
        {
            definition = _definitions[header & 0x0F]!;
        }

        ReadOnlySpan<byte> payload = record[1..];
        if (definition.TimestampOffset >= 0)
        {
            ReadOnlySpan<byte> t = payload.Slice(definition.TimestampOffset, 4);
            uint value = definition.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(t) : BinaryPrimitives.ReadUInt32LittleEndian(t);
            if (value != NoTimestamp)
            {
                _lastTimestamp = value;
                _haveTimestamp = true;
                timestamp = value;
            }
        }

        var message = new FitMessage(definition, payload, timestamp, position);
        if (definition.GlobalMessageNumber == 206)
        {
            ReadFieldDescription(message, sink);
        }

        if (sink is FitActivityBuilder builder)
        {
            builder.OnMessage(message); // the reader's own sink, called directly (issue 18: no interface call per record)
        }
        else
        {
            sink.OnMessage(message);
        }
    }

    private void ReadDefinition(ReadOnlySpan<byte> record, long position, IFitMessageSink sink)
    {
        int local = record[0] & 0x0F;
        ReadOnlySpan<byte> body = record[1..];
        FitMessageDefinition? existing = _definitions[local];
        if (existing is not null && body.SequenceEqual(existing.RawBytes))
        {
            sink.OnDefinition(existing);
            return;
        }

        byte architecture = body[1];
        if (architecture > 1)
        {
            throw new FitFormatException(
                "bad-definition", $"The definition at byte {position} has architecture byte {architecture} (0 or 1 expected).", position + 2);
        }

        bool bigEndian = architecture == 1;
        ushort global = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(body[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        int count = body[4];
        var fields = new FitFieldDefinition[count];
        int offset = 0;
        bool warnedType = false;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> f = body.Slice(5 + (3 * i), 3);
            if (!FitBaseTypes.TryNormalize(f[2], out FitBaseType type) && !warnedType)
            {
                warnedType = true;
                sink.OnWarning(new FormatWarning(
                    "unknown-base-type", $"Field {f[0]} of message {global} declares base type 0x{f[2]:X2}; read as bytes.", position));
            }

            fields[i] = new FitFieldDefinition(f[0], f[1], type, offset);
            offset += f[1];
            if (!_warnedSizeMismatch && f[1] != 0 && !fields[i].SizeMatchesType)
            {
                _warnedSizeMismatch = true;
                sink.OnWarning(new FormatWarning(
                    "field-size-mismatch",
                    $"Field {f[0]} of message {global} is {f[1]} bytes, not a multiple of its base type {type}; read as bytes.",
                    position));
            }
        }

        FitDeveloperFieldDefinition[] developerFields = [];
        if ((record[0] & 0x20) != 0)
        {
            int devStart = 5 + (3 * count);
            int devCount = body[devStart];
            developerFields = new FitDeveloperFieldDefinition[devCount];
            for (int i = 0; i < devCount; i++)
            {
                ReadOnlySpan<byte> f = body.Slice(devStart + 1 + (3 * i), 3);
                developerFields[i] = new FitDeveloperFieldDefinition(f[0], f[1], f[2], offset);
                offset += f[1];
            }
        }

        var definition = new FitMessageDefinition((byte)local, global, bigEndian, fields, developerFields, offset, body.ToArray(), position);
        _definitions[local] = definition;
        sink.OnDefinition(definition);
    }

    private void ReadFieldDescription(in FitMessage message, IFitMessageSink sink)
    {
        long? index = message.GetInteger(0);
        long? number = message.GetInteger(1);
        long? baseType = message.GetInteger(2);
        if (index is null || number is null || baseType is null)
        {
            sink.OnWarning(new FormatWarning(
                "bad-field-description", "A field_description message lacks its developer index, field number or base type.", message.Offset));
            return;
        }

        FitBaseTypes.TryNormalize((byte)baseType.Value, out FitBaseType type);
        double? scale = message.GetDouble(6);
        double? valueOffset = message.GetDouble(7);
        long? nativeMessage = message.GetInteger(14);
        long? nativeField = message.GetInteger(15);
        var description = new FitDeveloperFieldDescription(
            (byte)index.Value,
            (byte)number.Value,
            type,
            message.GetString(3),
            message.GetString(8),
            scale is > 0 ? scale.Value : 1,
            valueOffset ?? 0,
            nativeMessage is null ? null : (ushort)nativeMessage.Value,
            nativeField is null ? null : (byte)nativeField.Value);
        _descriptions[(description.DeveloperDataIndex << 8) | description.FieldNumber] = description;
        sink.OnDeveloperFieldDescription(description);
    }
}
