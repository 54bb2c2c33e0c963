using System.Buffers;
using System.Buffers.Binary;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>
/// The FIT wire format: file headers, CRCs, record headers (normal and compressed-timestamp), definitions and
/// developer field descriptions; data messages go to an <see cref="IFitMessageSink"/> with their timestamp resolved.
/// An incremental state machine: feed it any slice of the input (the whole file, or a stream buffer) and it
/// consumes the complete records it holds. It trusts no length from the file: a declared data size only bounds
/// where records may end, and nothing is allocated in proportion to it.
/// </summary>
public sealed class FitDecoder
{
    /// <summary>The largest possible record: a data message of 255 fields and 255 developer fields of 255 bytes.</summary>
    public const int MaxRecordSize = 1 + (2 * 255 * 255);

    /// <summary>A stream buffer this large always holds at least one whole record.</summary>
    public const int StreamBufferSize = 256 * 1024;

    private const uint NoTimestamp = 0xFFFFFFFF;

    private readonly FitDecoderOptions _options;
    private readonly FitMessageDefinition?[] _definitions = new FitMessageDefinition?[16];
    private readonly Dictionary<int, FitDeveloperFieldDescription> _descriptions = [];
    private State _state = State.Header;
    private long _position;
    private long _dataEnd;
    private bool _readToEnd;
    private ushort _crc;
    private uint _lastTimestamp;
    private bool _haveTimestamp;
    private bool _warnedCompressedWithoutReference;
    private bool _warnedSizeMismatch;

    public FitDecoder(FitDecoderOptions? options = null)
    {
        _options = options ?? FitDecoderOptions.Default;
    }

    private enum State
    {
        Header,
        Records,
        Crc,
        TrailingZeros,
        End,
    }

    /// <summary>Absolute offset of the next byte the decoder expects.</summary>
    public long Position => _position;

    /// <summary>Complete FIT files (header, data and CRC) read so far.</summary>
    public int FilesRead { get; private set; }

    public bool IsComplete => _state == State.End;

    /// <summary>The description of a developer field, when a field_description message declared it.</summary>
    public FitDeveloperFieldDescription? GetDeveloperFieldDescription(byte developerDataIndex, byte fieldNumber) =>
        _descriptions.TryGetValue((developerDataIndex << 8) | fieldNumber, out FitDeveloperFieldDescription? d) ? d : null;

    /// <summary>Decodes a whole buffer (one FIT file or several chained).</summary>
    public static void Decode(ReadOnlySpan<byte> data, IFitMessageSink sink, FitDecoderOptions? options = null)
    {
        var decoder = new FitDecoder(options);
        decoder.Decode(data, isFinal: true, sink);
    }

    /// <summary>
    /// Decodes from a stream through one fixed buffer (memory does not grow with the file). Errors reading the
    /// stream itself (IOException and the like) are the stream's and pass through unchanged.
    /// </summary>
    public static void Decode(Stream stream, IFitMessageSink sink, FitDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var decoder = new FitDecoder(options);
        decoder.DecodeStream(stream, sink);
    }

    internal void DecodeStream(Stream stream, IFitMessageSink sink)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int start = 0;
            int end = 0;
            bool eof = false;
            while (true)
            {
                while (!eof && end < buffer.Length)
                {
                    int read = stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        eof = true;
                    }

                    end += read;
                }

                int consumed = Decode(buffer.AsSpan(start, end - start), eof, sink);
                start += consumed;
                if (eof || _state == State.End)
                {
                    return;
                }

                if (consumed == 0 && start == 0 && end == buffer.Length)
                {
                    // Cannot happen: the buffer is larger than any record. Kept as a guard against a hang.
                    throw new FitFormatException("malformed", "A record does not fit the stream buffer.", _position);
                }

                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Consumes the complete records at the start of <paramref name="buffer"/> and returns how many bytes it used.
    /// With <paramref name="isFinal"/> true the buffer holds the rest of the input: anything cut off is an error.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> buffer, bool isFinal, IFitMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        int pos = 0;
        int crcFrom = 0;
        while (true)
        {
            switch (_state)
            {
                case State.Header:
                    if (pos == buffer.Length)
                    {
                        if (isFinal)
                        {
                            if (FilesRead == 0)
                            {
                                throw new FitTruncatedException("truncated", "The input is empty: no FIT file header.", _position);
                            }

                            _state = State.End;
                        }

                        return pos;
                    }

                    if (buffer[pos] == 0 && FilesRead > 0)
                    {
                        _state = State.TrailingZeros;
                        continue;
                    }

                    int headerSize = buffer[pos];
                    if (headerSize < 12)
                    {
                        throw new FitFormatException(
                            "bad-header", $"FIT header size byte is {headerSize}; a FIT header has 12 or 14 bytes.", _position);
                    }

                    if (buffer.Length - pos < headerSize)
                    {
                        if (isFinal)
                        {
                            throw new FitTruncatedException(
                                "truncated",
                                $"The input ends {buffer.Length - pos} bytes into a {headerSize}-byte FIT header.",
                                _position);
                        }

                        return pos;
                    }

                    ReadHeader(buffer.Slice(pos, headerSize), sink);
                    pos += headerSize;
                    _position += headerSize;
                    crcFrom = pos;
                    _state = State.Records;
                    continue;

                case State.TrailingZeros:
                    while (pos < buffer.Length && buffer[pos] == 0)
                    {
                        pos++;
                        _position++;
                    }

                    if (pos < buffer.Length)
                    {
                        throw new FitFormatException(
                            "bad-header", $"Byte 0x{buffer[pos]:X2} after zero padding where a FIT header or the end was expected.", _position);
                    }

                    if (isFinal)
                    {
                        sink.OnWarning(new FormatWarning("trailing-padding", "Zero bytes follow the last FIT file.", _position));
                        _state = State.End;
                    }

                    return pos;

                case State.Records:
                    if (!_readToEnd && _position == _dataEnd)
                    {
                        _crc = FitCrc.Update(_crc, buffer[crcFrom..pos]);
                        crcFrom = pos;
                        _state = State.Crc;
                        continue;
                    }

                    int available = buffer.Length - pos;
                    if (_readToEnd && isFinal && available <= 2)
                    {
                        // Data size 0 ("not known", written by crashed devices): records run to the end; a final
                        // 2-byte remainder is the CRC, which cannot be checked without a data size.
                        pos += available;
                        _position += available;
                        FilesRead++;
                        _state = State.End;
                        return pos;
                    }

                    if (available == 0)
                    {
                        _crc = FitCrc.Update(_crc, buffer[crcFrom..pos]);
                        if (!isFinal)
                        {
                            return pos;
                        }

                        throw new FitTruncatedException(
                            "truncated",
                            $"The input ends at byte {_position}, but the FIT header declares data up to byte {_dataEnd}.",
                            _position);
                    }

                    long limit = _readToEnd ? long.MaxValue : _dataEnd - _position;
                    int length = RecordLength(buffer[pos..], out int minimumKnown);
                    if (length > limit || (length < 0 && minimumKnown > limit))
                    {
                        throw new FitTruncatedException(
                            "truncated",
                            $"The record at byte {_position} needs {(length > 0 ? length : minimumKnown)} bytes but the declared data ends at byte {_dataEnd}.",
                            _position);
                    }

                    if (length < 0 || length > available)
                    {
                        _crc = FitCrc.Update(_crc, buffer[crcFrom..pos]);
                        if (!isFinal)
                        {
                            return pos;
                        }

                        throw new FitTruncatedException(
                            "truncated",
                            $"The input ends at byte {_position + available}, inside the record that starts at byte {_position}.",
                            _position);
                    }

                    ReadRecord(buffer.Slice(pos, length), sink);
                    pos += length;
                    _position += length;
                    continue;

                case State.Crc:
                    if (buffer.Length - pos < 2)
                    {
                        if (isFinal)
                        {
                            throw new FitTruncatedException("truncated", $"The 2-byte file CRC at byte {_position} is missing.", _position);
                        }

                        return pos;
                    }

                    ushort stored = BinaryPrimitives.ReadUInt16LittleEndian(buffer[pos..]);
                    if (stored != _crc)
                    {
                        string message = $"File CRC at byte {_position} is 0x{stored:X4}; the data gives 0x{_crc:X4}.";
                        if (_options.StrictCrc)
                        {
                            throw new FitIntegrityException("crc-mismatch", message, _position);
                        }

                        sink.OnWarning(new FormatWarning("crc-mismatch", message, _position));
                    }

                    pos += 2;
                    _position += 2;
                    FilesRead++;
                    _state = State.Header;
                    continue;

                default:
                    return pos;
            }
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> header, IFitMessageSink sink)
    {
        if (header[8] != (byte)'.' || header[9] != (byte)'F' || header[10] != (byte)'I' || header[11] != (byte)'T')
        {
            throw new FitFormatException(
                "bad-header", $"No \".FIT\" signature in the header at byte {_position}.", _position);
        }

        byte protocol = header[1];
        if (protocol >> 4 > 2)
        {
            throw new FitUnsupportedException(
                "unsupported-format", $"FIT protocol version {protocol >> 4}.{protocol & 0xF} is newer than 2.x.", _position + 1);
        }

        ushort? headerCrc = null;
        if (header.Length >= 14)
        {
            headerCrc = BinaryPrimitives.ReadUInt16LittleEndian(header[12..]);
            ushort computed = FitCrc.Compute(header[..12]);
            if (headerCrc != 0 && headerCrc != computed)
            {
                throw new FitIntegrityException(
                    "crc-mismatch",
                    $"Header CRC is 0x{headerCrc:X4}; bytes 0-11 of the header give 0x{computed:X4}.",
                    _position + 12);
            }
        }

        uint dataSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var fileHeader = new FitFileHeader(
            _position, (byte)header.Length, protocol, BinaryPrimitives.ReadUInt16LittleEndian(header[2..]), dataSize, headerCrc);

        _readToEnd = dataSize == 0;
        _dataEnd = _position + header.Length + dataSize;
        _crc = FitCrc.Compute(header);
        Array.Clear(_definitions);
        _descriptions.Clear();
        _haveTimestamp = false;
        if (_readToEnd)
        {
            sink.OnWarning(new FormatWarning(
                "unknown-data-size", "The header's data size is 0: records are read to the end and the CRC is not checked.", _position + 4));
        }

        sink.OnFileHeader(fileHeader);
    }

    /// <summary>
    /// The total length of the record at the start of <paramref name="span"/>, or -1 when more bytes are needed
    /// to know it (then <paramref name="minimumKnown"/> is a lower bound).
    /// </summary>
    private int RecordLength(ReadOnlySpan<byte> span, out int minimumKnown)
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
        FitMessageDefinition definition = _definitions[local]
            ?? throw new FitFormatException(
                "undefined-local-message",
                $"The data record at byte {_position} uses local message type {local}, which no definition declared.",
                _position);
        return 1 + definition.DataSize;
    }

    private void ReadRecord(ReadOnlySpan<byte> record, IFitMessageSink sink)
    {
        byte header = record[0];
        if ((header & 0x80) == 0 && (header & 0x40) != 0)
        {
            ReadDefinition(record, sink);
            return;
        }

        uint? timestamp = null;
        FitMessageDefinition definition;
        if ((header & 0x80) != 0)
        {
            definition = _definitions[(header >> 5) & 0x03]!; // RecordLength has checked it exists.
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
                    _position));
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

        var message = new FitMessage(definition, payload, timestamp, _position);
        if (definition.GlobalMessageNumber == 206)
        {
            ReadFieldDescription(message, sink);
        }

        sink.OnMessage(message);
    }

    private void ReadDefinition(ReadOnlySpan<byte> record, IFitMessageSink sink)
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
                "bad-definition", $"The definition at byte {_position} has architecture byte {architecture} (0 or 1 expected).", _position + 2);
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
                    "unknown-base-type", $"Field {f[0]} of message {global} declares base type 0x{f[2]:X2}; read as bytes.", _position));
            }

            fields[i] = new FitFieldDefinition(f[0], f[1], type, offset);
            offset += f[1];
            if (!_warnedSizeMismatch && f[1] != 0 && !fields[i].SizeMatchesType)
            {
                _warnedSizeMismatch = true;
                sink.OnWarning(new FormatWarning(
                    "field-size-mismatch",
                    $"Field {f[0]} of message {global} is {f[1]} bytes, not a multiple of its base type {type}; read as bytes.",
                    _position));
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

        var definition = new FitMessageDefinition((byte)local, global, bigEndian, fields, developerFields, offset, body.ToArray(), _position);
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
