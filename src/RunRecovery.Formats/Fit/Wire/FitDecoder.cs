using System.Buffers.Binary;
using System.Runtime.CompilerServices;
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

    private readonly FitDecoderOptions _options;
    private readonly FitRecordReader _records = new();
    private State _state = State.Header;
    private long _position;
    private long _dataEnd;
    private bool _readToEnd;
    private ushort _crc;

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
        _records.GetDeveloperFieldDescription(developerDataIndex, fieldNumber);

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

    /// <summary>Decodes the rest of <paramref name="stream"/> through one pooled buffer (<see cref="FitStreamFeeder"/>).</summary>
    internal void DecodeStream(Stream stream, IFitMessageSink sink) => FitStreamFeeder.Feed(this, stream, sink);

    /// <summary>
    /// Consumes the complete records at the start of <paramref name="buffer"/> and returns how many bytes it used.
    /// With <paramref name="isFinal"/> true the buffer holds the rest of the input: anything cut off is an error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
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
                    int length = _records.Length(buffer[pos..], _position, out int minimumKnown);
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

                    _records.Read(buffer.Slice(pos, length), _position, sink);
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
        FitFileHeader fileHeader = FitFileHeaderReader.Read(header, _position);
        _readToEnd = fileHeader.DataSize == 0;
        _dataEnd = _position + header.Length + fileHeader.DataSize;
        _crc = FitCrc.Compute(header);
        _records.Reset();
        if (_readToEnd)
        {
            sink.OnWarning(new FormatWarning(
                "unknown-data-size", "The header's data size is 0: records are read to the end and the CRC is not checked.", _position + 4));
        }

        sink.OnFileHeader(fileHeader);
    }
}
