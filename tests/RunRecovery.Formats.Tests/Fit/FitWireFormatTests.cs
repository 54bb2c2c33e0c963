using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using Xunit;
using static RunRecovery.Formats.Tests.Fit.FitTestFiles;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>Layer 1: file header, CRCs, record headers, definitions, base types, developer fields.</summary>
public sealed class FitWireFormatTests
{
    [Fact]
    public void Crc_is_crc16_arc()
    {
        Assert.Equal(0xBB3D, FitCrc.Compute("123456789"u8));
        byte[] data = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];
        ushort slow = 0;
        foreach (byte b in data)
        {
            slow ^= b;
            for (int k = 0; k < 8; k++)
            {
                slow = (ushort)((slow & 1) != 0 ? (slow >> 1) ^ 0xA001 : slow >> 1);
            }
        }

        Assert.Equal(slow, FitCrc.Compute(data));
        Assert.Equal(slow, FitCrc.Update(FitCrc.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }

    [Fact]
    public void Crc_folding_agrees_with_the_bitwise_definition_at_every_length_and_start()
    {
        var random = new Random(18);
        byte[] data = new byte[4096 + 300];
        random.NextBytes(data);
        for (int length = 0; length <= 600; length++)
        {
            ushort start = (ushort)random.Next(65536);
            int from = random.Next(300);
            ReadOnlySpan<byte> slice = data.AsSpan(from, length);
            Assert.Equal(Bitwise(start, slice), FitCrc.Update(start, slice));
        }

        Assert.Equal(Bitwise(0x1234, data), FitCrc.Update(0x1234, data));
        Assert.Equal(FitCrc.UpdateTable(0, data), FitCrc.Compute(data));
    }

    [Fact]
    public void Crc_folding_constants_for_the_crc32_polynomial_are_zlibs()
    {
        // zlib crc32_simd.c (and Gopal et al. 2009) publish these for CRC-32 (0x104C11DB7): the derivation is right.
        var k = FitCrc.FoldingConstants.For(0x104C11DB7);
        Assert.Equal(Vector128.Create(0x154442bd4UL, 0x1c6e41596UL), k.K1K2);
        Assert.Equal(Vector128.Create(0x1751997d0UL, 0x0ccaa009eUL), k.K3K4);
        Assert.Equal(0x163cd6124UL, k.K5.GetElement(0));
        Assert.Equal(Vector128.Create(0x1db710641UL, 0x1f7011641UL), k.MuPolynomial);
    }

    [Fact]
    public void Crc_folding_constants_written_out_are_the_derived_ones()
    {
        var k = FitCrc.FoldingConstants.For(FitCrc.Polynomial);
        Assert.Equal(Vector128.Create(0x1b0c2UL, 0xbffaUL), k.K1K2);
        Assert.Equal(Vector128.Create(0x1d0c2UL, 0x18cc2UL), k.K3K4);
        Assert.Equal(0x1bc02UL, k.K5.GetElement(0));
        Assert.Equal(Vector128.Create(0x14003UL, 0x1cfffbfffUL), k.MuPolynomial);
    }

    private static ushort Bitwise(ushort crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (ushort)((crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1);
            }
        }

        return crc;
    }

    [Fact]
    public void Rejects_file_whose_header_crc_is_wrong()
    {
        byte[] file = HeartRateRecords(3);
        file[12] ^= 0xFF; // bytes 12–13 of the 14-byte header hold its CRC

        var error = Assert.Throws<FitIntegrityException>(() => FitActivityReader.Read(file));
        Assert.Equal(12, error.Offset);
        Assert.Equal("crc-mismatch", error.Code);
    }

    [Fact]
    public void Accepts_header_crc_zero_as_absent()
    {
        var writer = new FitWriter(new FitWriterOptions { OmitHeaderCrc = true });
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), 150L);
        byte[] file = writer.ToArray();
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(12)));

        var activity = FitActivityReader.Read(file);
        Assert.Equal(150, Assert.Single(activity.Samples).HeartRateBpm);
    }

    [Fact]
    public void Reads_12_byte_headers()
    {
        byte[] file = HeartRateRecords(5, headerSize: 12);
        Assert.Equal(12, file[0]);

        var sink = new RecordingSink();
        FitDecoder.Decode(file, sink);
        Assert.Null(Assert.Single(sink.Headers).HeaderCrc);
        Assert.Equal([100, 101, 102, 103, 104], FitActivityReader.Read(file).Samples.Select(s => s.HeartRateBpm!.Value));
    }

    [Fact]
    public void Rejects_a_missing_signature_at_the_header_offset()
    {
        byte[] file = HeartRateRecords(2);
        file[9] = (byte)'G';

        var error = Assert.Throws<FitFormatException>(() => FitActivityReader.Read(file));
        Assert.Equal("bad-header", error.Code);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Rejects_a_newer_major_protocol()
    {
        byte[] file = new FitWriter(new FitWriterOptions { ProtocolVersion = 0x30 }).ToArray();
        var error = Assert.Throws<FitUnsupportedException>(() => FitActivityReader.Read(file));
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void File_crc_mismatch_is_a_warning_unless_strict()
    {
        byte[] file = HeartRateRecords(4);
        file[^1] ^= 0x55;

        var lenient = FitActivityReader.Read(file);
        Assert.Equal(4, lenient.Samples.Count);
        var warning = Assert.Single(lenient.Warnings, w => w.Code == "crc-mismatch");
        Assert.Equal(file.Length - 2, warning.Offset);

        var strict = Assert.Throws<FitIntegrityException>(() => FitActivityReader.Read(file, new FitReadOptions { StrictCrc = true }));
        Assert.Equal(file.Length - 2, strict.Offset);
        Assert.Equal(4, strict.Partial!.Samples.Count);
    }

    [Fact]
    public void Empty_input_is_truncated_at_zero()
    {
        var error = Assert.Throws<FitTruncatedException>(() => FitActivityReader.Read([]));
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_every_base_type_and_turns_sentinels_into_null(bool bigEndian)
    {
        FitBaseType[] types = Enum.GetValues<FitBaseType>().Where(t => t != FitBaseType.String).ToArray();
        var specs = types.Select((t, i) => FitFieldSpec.Of((byte)(100 + i), t)).ToArray();
        var writer = new FitWriter();
        writer.Define(0, 60000, specs, bigEndian: bigEndian);
        writer.Write(0, [.. types.Select(t => t is FitBaseType.Float32 or FitBaseType.Float64 ? FitValue.Of(-1.5) : FitValue.Of(t is FitBaseType.SInt8 or FitBaseType.SInt16 or FitBaseType.SInt32 or FitBaseType.SInt64 ? -5 : 7))]);
        writer.Write(0, [.. types.Select(_ => FitValue.Invalid)]);
        var sink = new RecordingSink();
        FitDecoder.Decode(writer.ToArray(), sink);

        Assert.Equal(2, sink.Messages.Count);
        for (int i = 0; i < types.Length; i++)
        {
            FitFieldDefinition field = sink.Messages[0].Definition.Fields[i];
            Assert.Equal(types[i], field.BaseType);
            double expected = types[i] switch
            {
                FitBaseType.Float32 or FitBaseType.Float64 => -1.5,
                FitBaseType.SInt8 or FitBaseType.SInt16 or FitBaseType.SInt32 or FitBaseType.SInt64 => -5,
                _ => 7,
            };
            Assert.Equal(expected, FitBaseTypes.ReadDouble(sink.Messages[0].Payload.AsSpan(field.Offset, field.Size), field.BaseType, bigEndian));
            Assert.Null(FitBaseTypes.ReadDouble(sink.Messages[1].Payload.AsSpan(field.Offset, field.Size), field.BaseType, bigEndian));
        }
    }

    [Fact]
    public void Reads_strings_and_arrays()
    {
        var writer = new FitWriter();
        writer.Define(0, 60001, [new FitFieldSpec(0, 10, FitBaseType.String), FitFieldSpec.Of(1, FitBaseType.UInt16, 4)])
            .Write(0, "Ljubljana!", new long[] { 800, 810, 820 });
        var capture = new CaptureSink();
        FitDecoder.Decode(writer.ToArray(), capture);
        Assert.Equal("Ljubljana", capture.Text); // truncated to leave room for the terminating NUL
        Assert.Equal([800, 810, 820], capture.Array);
    }

    [Fact]
    public void Big_endian_and_little_endian_definitions_decode_alike()
    {
        var little = FitActivityReader.Read(RunFile(30));
        var big = FitActivityReader.Read(RunFile(30, new FitActivityWriteOptions { BigEndian = true }));
        Assert.Equal(little.Samples, big.Samples);
        Assert.Equal(little.Sessions, big.Sessions);
    }

    [Fact]
    public void Compressed_timestamp_headers_reconstruct_times_across_the_5_bit_rollover()
    {
        var writer = new FitWriter();
        uint t0 = FitProfile.ToFitSeconds(At(0)) | 0x1C; // low bits near the rollover
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Define(1, FitProfile.Record, [FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)t0, 90L);
        uint[] deltas = [1, 3, 5, 31, 0, 2];
        uint t = t0;
        foreach (uint d in deltas)
        {
            t += d;
            writer.WriteCompressed(1, t, 91L);
        }

        var sink = new RecordingSink();
        FitDecoder.Decode(writer.ToArray(), sink);
        uint expected = t0;
        Assert.Equal(t0, sink.Messages[0].Timestamp);
        for (int i = 0; i < deltas.Length; i++)
        {
            expected += deltas[i];
            Assert.Equal(expected, sink.Messages[i + 1].Timestamp);
        }
    }

    [Fact]
    public void Encoder_compressed_timestamps_round_trip()
    {
        var plain = FitActivityReader.Read(RunFile(200));
        byte[] compressed = RunFile(200, new FitActivityWriteOptions { CompressedTimestamps = true });
        Assert.True(compressed.Length < RunFile(200).Length);
        Assert.Equal(plain.Samples, FitActivityReader.Read(compressed).Samples);
    }

    [Fact]
    public void Local_message_types_can_be_redefined_mid_file()
    {
        var writer = new FitWriter();
        uint t = FitProfile.ToFitSeconds(At(0));
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)t, 100L)
            .Define(0, FitProfile.Record, [FitFieldSpec.Of(3, FitBaseType.UInt8), FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(7, FitBaseType.UInt16)])
            .Write(0, 101L, (long)t + 1, 300L);
        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Equal([100, 101], activity.Samples.Select(s => s.HeartRateBpm!.Value));
        Assert.Equal([null, 300], activity.Samples.Select(s => s.PowerWatts));
    }

    [Fact]
    public void Unknown_messages_and_fields_are_skipped_by_size()
    {
        var writer = new FitWriter();
        writer.Define(0, 65000, [new FitFieldSpec(1, 200, FitBaseType.Byte)]).Write(0, new byte[] { 1, 2, 3 })
            .Define(1, FitProfile.Record, [FitFieldSpec.Of(200, FitBaseType.UInt32), FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(1, 5L, (long)FitProfile.ToFitSeconds(At(0)), 77L);
        Assert.Equal(77, Assert.Single(FitActivityReader.Read(writer.ToArray()).Samples).HeartRateBpm);
    }

    [Fact]
    public void A_field_whose_size_does_not_fit_its_type_is_skipped_with_a_warning()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), new FitFieldSpec(7, 3, FitBaseType.UInt16), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), new byte[] { 1, 2, 3 }, 88L);
        var activity = FitActivityReader.Read(writer.ToArray());
        var sample = Assert.Single(activity.Samples);
        Assert.Equal(88, sample.HeartRateBpm);
        Assert.Null(sample.PowerWatts);
        Assert.Contains(activity.Warnings, w => w.Code == "field-size-mismatch");
    }

    [Fact]
    public void Data_record_with_undefined_local_type_fails_at_its_offset_with_partial()
    {
        var writer = new FitWriter();
        writer.Define(1, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(1, (long)FitProfile.ToFitSeconds(At(0)), 120L)
            .WriteRaw([0x07, 0x00]);
        byte[] file = writer.ToArray();
        int offset = 14 + 6 + 6 + 6; // header, definition (6 + 2×3), data record (1 + 5)
        var error = Assert.Throws<FitFormatException>(() => FitActivityReader.Read(file));
        Assert.Equal("undefined-local-message", error.Code);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(120, Assert.Single(error.Partial!.Samples).HeartRateBpm);
    }

    [Fact]
    public void Chained_files_decode_as_one_sequence()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), 100L)
            .StartChainedFile()
            .Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(1)), 101L);
        byte[] file = writer.ToArray();
        var sink = new RecordingSink();
        FitDecoder.Decode(file, sink);
        Assert.Equal(2, sink.Headers.Count);
        Assert.Equal(file.Length / 2, sink.Headers[1].Offset);
        Assert.Equal([100, 101], FitActivityReader.Read(file).Samples.Select(s => s.HeartRateBpm!.Value));
    }

    [Fact]
    public void Definitions_do_not_carry_over_into_a_chained_file()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), 100L)
            .StartChainedFile()
            .WriteRaw([0x00, 1, 2, 3, 4, 5]);
        byte[] file = writer.ToArray();
        var error = Assert.Throws<FitFormatException>(() => FitActivityReader.Read(file));
        Assert.Equal(file.Length - 8, error.Offset); // second file: 14-byte header, 6 raw bytes, 2-byte CRC
    }

    [Fact]
    public void Developer_fields_are_decoded_by_name_and_units()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.DeveloperDataId, [FitFieldSpec.Of(3, FitBaseType.UInt8)]).Write(0, 0L)
            .Define(1, FitProfile.FieldDescription,
                [FitFieldSpec.Of(0, FitBaseType.UInt8), FitFieldSpec.Of(1, FitBaseType.UInt8), FitFieldSpec.Of(2, FitBaseType.UInt8),
                 new FitFieldSpec(3, 16, FitBaseType.String), FitFieldSpec.Of(6, FitBaseType.UInt8), new FitFieldSpec(8, 8, FitBaseType.String)])
            .Write(1, 0L, 3L, (long)FitBaseType.UInt16, "Form Power", 10L, "Watts")
            .Define(2, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32)], [new FitDeveloperFieldSpec(3, 2, 0, FitBaseType.UInt16)])
            .Write(2, (long)FitProfile.ToFitSeconds(At(0)), 655L)
            .Write(2, (long)FitProfile.ToFitSeconds(At(1)), FitValue.Invalid)
            .Write(2, (long)FitProfile.ToFitSeconds(At(2)), 700L);
        var activity = FitActivityReader.Read(writer.ToArray());
        var channel = Assert.Single(activity.DeveloperChannels);
        Assert.Equal("Form Power", channel.Name);
        Assert.Equal("Watts", channel.Units);
        Assert.Equal(2, activity.Samples.Count); // the middle record holds nothing
        Assert.Equal([65.5, 70.0], channel.Values.Select(v => v!.Value));
    }

    [Fact]
    public void A_redeclared_developer_index_replaces_its_descriptions()
    {
        var writer = new FitWriter();
        FitFieldSpec[] description =
        [
            FitFieldSpec.Of(0, FitBaseType.UInt8), FitFieldSpec.Of(1, FitBaseType.UInt8), FitFieldSpec.Of(2, FitBaseType.UInt8),
            new FitFieldSpec(3, 16, FitBaseType.String),
        ];
        writer.Define(0, FitProfile.DeveloperDataId, [FitFieldSpec.Of(3, FitBaseType.UInt8)]).Write(0, 0L)
            .Define(1, FitProfile.FieldDescription, description).Write(1, 0L, 0L, (long)FitBaseType.UInt8, "Power")
            .Write(0, 0L)
            .Write(1, 0L, 0L, (long)FitBaseType.UInt8, "Power")
            .Define(2, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32)], [new FitDeveloperFieldSpec(0, 1, 0, FitBaseType.UInt8)])
            .Write(2, (long)FitProfile.ToFitSeconds(At(0)), 200L);
        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Equal(200.0, Assert.Single(Assert.Single(activity.DeveloperChannels).Values));
    }

    [Fact]
    public void Stream_and_span_paths_agree_including_across_buffer_boundaries()
    {
        byte[] file = RunFile(20_000, new FitActivityWriteOptions { CompressedTimestamps = true });
        Assert.True(file.Length > FitDecoder.StreamBufferSize);
        var fromSpan = FitActivityReader.Read(file);
        var fromStream = FitActivityReader.Read(new TrickleStream(file, 997));
        Assert.Equal(fromSpan.Samples, fromStream.Samples);
        Assert.Equal(fromSpan.Sessions, fromStream.Sessions);
    }

    [Fact]
    public void Non_seekable_streams_decode_alike()
    {
        byte[] file = RunFile(3_000);
        var fromStream = FitActivityReader.Read(new NonSeekableStream(file));
        Assert.Equal(FitActivityReader.Read(file).Samples, fromStream.Samples);
    }

    [Fact]
    public void Stream_path_reports_truncation_at_the_same_offset()
    {
        byte[] file = RunFile(500);
        byte[] cut = file[..(file.Length - 40)];
        var span = Assert.Throws<FitTruncatedException>(() => FitActivityReader.Read(cut));
        var stream = Assert.Throws<FitTruncatedException>(() => FitActivityReader.Read(new MemoryStream(cut)));
        Assert.Equal(span.Offset, stream.Offset);
        Assert.Equal(span.Partial!.Samples.Count, stream.Partial!.Samples.Count);
    }

    [Fact]
    public void Truncation_at_every_offset_of_a_small_file_is_a_typed_error_with_a_plausible_offset()
    {
        byte[] file = RunFile(12);
        for (int length = 0; length < file.Length; length++)
        {
            var error = Assert.ThrowsAny<ActivityFileException>(() => FitActivityReader.Read(file.AsSpan(0, length)));
            Assert.IsType<FitTruncatedException>(error);
            Assert.InRange(error.Offset!.Value, 0, length);
            Assert.NotNull(error.Partial);
        }

        Assert.Equal(12, FitActivityReader.Read(file).Samples.Count);
    }

    [Fact]
    public void A_huge_declared_data_size_allocates_nothing_big()
    {
        byte[] file = HeartRateRecords(2);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), uint.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), FitCrc.Compute(file.AsSpan(0, 12)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<FitTruncatedException>(() => FitActivityReader.Read(file));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 1_000_000);
        Assert.Equal(2, error.Partial!.Samples.Count);
    }

    private sealed class CaptureSink : IFitMessageSink
    {
        public string? Text { get; private set; }

        public long[] Array { get; private set; } = [];

        public void OnFileHeader(in FitFileHeader header)
        {
        }

        public void OnDefinition(FitMessageDefinition definition)
        {
        }

        public void OnMessage(in FitMessage message)
        {
            Text = message.GetString(0);
            Span<long> values = stackalloc long[8];
            Array = values[..message.GetIntegerArray(1, values)].ToArray();
        }

        public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
        {
        }

        public void OnWarning(RunRecovery.Formats.Model.FormatWarning warning)
        {
        }
    }
}

/// <summary>A forward-only stream (no Length), like a network body.</summary>
internal sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();
}

/// <summary>A stream that returns at most a few bytes per read, to exercise buffer refills.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
}
