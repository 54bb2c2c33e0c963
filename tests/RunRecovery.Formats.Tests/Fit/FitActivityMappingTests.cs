using System.Buffers.Binary;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using Xunit;
using static RunRecovery.Formats.Tests.Fit.FitTestFiles;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>Layer 3: profile values mapped to <see cref="ParsedActivity"/>, on files with known truth.</summary>
public sealed class FitActivityMappingTests
{
    [Fact]
    public void A_5_km_descent_with_pauses_keeps_its_truth()
    {
        TimerPause[] pauses = [new(At(600), At(660)), new(At(1800), At(1830))];
        ParsedActivity truth = Run(3600, pauses, descentPerSecond: 5000.0 / 3600);
        var activity = FitActivityReader.Read(FitActivityWriter.Write(truth));

        Assert.Equal(SportWords.Running, activity.Sport);
        Assert.Equal("street", activity.SubSport);
        Assert.Equal(Start, activity.StartUtc);
        Assert.Equal(TimeSpan.FromHours(2), activity.UtcOffset);
        Assert.False(activity.ClockIsDeviceRelative);
        Assert.Equal(pauses, activity.Pauses);
        Assert.Equal(5000, activity.Sessions[0].DescentMeters);
        Assert.Equal(5300, activity.Samples[0].AltitudeMeters!.Value, 0.2);
        Assert.Equal(300, activity.Samples[^1].AltitudeMeters!.Value, 1.6);
        Assert.Equal(46.05, activity.Samples[0].LatitudeDegrees!.Value, 1e-7);
        Assert.Equal(3600, activity.Sessions[0].SampleCount);
        Assert.Equal(85.5, activity.Samples[1].CadenceRpm);
    }

    [Fact]
    public void Encoder_writes_values_outside_a_field_range_as_invalid_not_wrapped()
    {
        ParsedActivity truth = Run(3);
        var below = new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Samples = [truth.Samples[0] with { AltitudeMeters = -600, HeartRateBpm = 300 }],
        };
        var sample = Assert.Single(FitActivityReader.Read(FitActivityWriter.Write(below)).Samples);
        Assert.Null(sample.AltitudeMeters); // enhanced_altitude = (m + 500) × 5 cannot be negative
        Assert.Null(sample.HeartRateBpm);
    }

    [Fact]
    public void Summary_first_files_give_the_same_sessions_and_sample_ranges()
    {
        ParsedActivity truth = Run(500);
        var last = FitActivityReader.Read(FitActivityWriter.Write(truth));
        var first = FitActivityReader.Read(FitActivityWriter.Write(truth, new FitActivityWriteOptions { SummaryFirst = true }));
        Assert.Equal(last.Sessions, first.Sessions);
        Assert.Equal(last.Laps, first.Laps);
        Assert.Equal(500, first.Sessions[0].SampleCount);
    }

    [Fact]
    public void Timestamps_below_0x10000000_are_device_relative()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, 17217869L, 93L)
            .Write(0, 17217874L, 104L);
        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.True(activity.ClockIsDeviceRelative);
        Assert.Null(activity.StartUtc);
        Assert.Equal(FitProfile.Epoch.AddSeconds(17217874), activity.Samples[1].Time);
    }

    [Fact]
    public void Enhanced_fields_win_over_the_16_bit_ones()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record,
            [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(2, FitBaseType.UInt16), FitFieldSpec.Of(6, FitBaseType.UInt16),
             FitFieldSpec.Of(73, FitBaseType.UInt32), FitFieldSpec.Of(78, FitBaseType.UInt32)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), 3000L, 1000L, 70000L, 20000L)
            .Write(0, (long)FitProfile.ToFitSeconds(At(1)), 3000L, 1000L, FitValue.Invalid, FitValue.Invalid);
        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Equal(70.0, activity.Samples[0].SpeedMetersPerSecond);
        Assert.Equal((20000 / 5.0) - 500, activity.Samples[0].AltitudeMeters);
        Assert.Equal(1.0, activity.Samples[1].SpeedMetersPerSecond);
        Assert.Equal((3000 / 5.0) - 500, activity.Samples[1].AltitudeMeters);
    }

    [Fact]
    public void Invalid_values_are_null_not_zero()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record,
            [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(0, FitBaseType.SInt32), FitFieldSpec.Of(1, FitBaseType.SInt32),
             FitFieldSpec.Of(3, FitBaseType.UInt8), FitFieldSpec.Of(4, FitBaseType.UInt8), FitFieldSpec.Of(5, FitBaseType.UInt32),
             FitFieldSpec.Of(13, FitBaseType.SInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), FitValue.Invalid, FitValue.Invalid, 140L, FitValue.Invalid, FitValue.Invalid, FitValue.Invalid);
        var sample = Assert.Single(FitActivityReader.Read(writer.ToArray()).Samples);
        Assert.Equal(140, sample.HeartRateBpm);
        Assert.False(sample.HasPosition);
        Assert.Null(sample.CadenceRpm);
        Assert.Null(sample.DistanceMeters);
        Assert.Null(sample.TemperatureCelsius);
    }

    [Fact]
    public void Compressed_speed_distance_accumulates_across_the_12_bit_rollover()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), new FitFieldSpec(8, 3, FitBaseType.Byte)]);
        int[] distances16 = [4000, 4090, 10, 100]; // raw 1/16 m, 12 bits: 4090 → 10 rolls over (+16)
        for (int i = 0; i < distances16.Length; i++)
        {
            int packed = 350 | (distances16[i] << 12); // speed 3.50 m/s
            writer.Write(0, (long)FitProfile.ToFitSeconds(At(i)), new[] { (byte)packed, (byte)(packed >> 8), (byte)(packed >> 16) });
        }

        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Equal([4000 / 16.0, 4090 / 16.0, 4106 / 16.0, 4196 / 16.0], activity.Samples.Select(s => s.DistanceMeters!.Value));
        Assert.All(activity.Samples, s => Assert.Equal(3.5, s.SpeedMetersPerSecond));
    }

    [Fact]
    public void Heart_rate_from_hr_messages_fills_records_that_have_none()
    {
        uint t0 = FitProfile.ToFitSeconds(At(0));
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)]);
        for (uint i = 0; i < 5; i++)
        {
            writer.Write(0, (long)(t0 + i), i == 4 ? 99L : FitValue.Invalid); // the last record has its own HR
        }

        // An anchor: event_timestamp 100 s ↔ clock t0; then 12-bit packed beats at 100.5, 101.5, 102.5, 103.5 s.
        writer.Define(1, FitProfile.Hr, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(9, FitBaseType.UInt32), FitFieldSpec.Of(6, FitBaseType.UInt8)])
            .Write(1, (long)t0, 100L * 1024, 120L);
        uint[] raw = [102912, 103936, 104960, 105984];
        byte[] packed = new byte[6];
        for (int k = 0; k < raw.Length; k++)
        {
            int bit = k * 12;
            int value = (int)(raw[k] & 0xFFF) << (bit % 8);
            packed[bit / 8] |= (byte)value;
            packed[(bit / 8) + 1] |= (byte)(value >> 8);
        }

        writer.Define(2, FitProfile.Hr, [new FitFieldSpec(10, 6, FitBaseType.Byte), FitFieldSpec.Of(6, FitBaseType.UInt8, 4)])
            .Write(2, packed, new long[] { 130, 140, 150, 160 });

        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Equal([120, 130, 140, 150, 99], activity.Samples.Select(s => s.HeartRateBpm!.Value));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue + 1)]
    [InlineData(1_000_000_000_000L)]
    public void A_mangled_local_timestamp_gives_no_offset_and_no_overflow(long localTimestamp)
    {
        // Found by fuzzing: activity.local_timestamp re-typed as sint64 overflowed TimeSpan.FromMinutes.
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), 120L)
            .Define(1, FitProfile.Activity, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(5, FitBaseType.SInt64)])
            .Write(1, (long)FitProfile.ToFitSeconds(At(1)), localTimestamp);
        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Null(activity.UtcOffset);
        Assert.Single(activity.Samples);
    }

    [Fact]
    public void Re_typed_summary_and_record_fields_with_absurd_values_do_not_escape_as_exceptions()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record,
                [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt32), FitFieldSpec.Of(7, FitBaseType.SInt32), FitFieldSpec.Of(4, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), 4_000_000_000L, -5L, 85L)
            .Define(1, FitProfile.Session,
                [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(2, FitBaseType.UInt32), FitFieldSpec.Of(7, FitBaseType.Float64)])
            .Write(1, (long)FitProfile.ToFitSeconds(At(1)), (long)FitProfile.ToFitSeconds(At(0)), 4e14) // 4e11 s after scale: past year 9999
            .Define(2, FitProfile.Lap, [FitFieldSpec.Of(2, FitBaseType.UInt32), FitFieldSpec.Of(7, FitBaseType.Float64)])
            .Write(2, (long)uint.MaxValue - 1, 1e15);
        var activity = FitActivityReader.Read(writer.ToArray());
        var sample = Assert.Single(activity.Samples);
        Assert.Null(sample.HeartRateBpm);
        Assert.Null(sample.PowerWatts);
        Assert.Null(activity.Sessions[0].ElapsedTime);
        Assert.Null(activity.Laps[0].ElapsedTime);
    }

    [Fact]
    public void Data_size_zero_reads_records_to_the_end_with_a_warning()
    {
        byte[] file = HeartRateRecords(5);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), FitCrc.Compute(file.AsSpan(0, 12)));
        var activity = FitActivityReader.Read(file);
        Assert.Equal(5, activity.Samples.Count);
        Assert.Contains(activity.Warnings, w => w.Code == "unknown-data-size" && w.Offset == 4);
    }

    [Fact]
    public void Zero_padding_after_the_last_file_is_a_warning()
    {
        byte[] file = [.. HeartRateRecords(3), 0, 0, 0, 0];
        var activity = FitActivityReader.Read(file);
        Assert.Equal(3, activity.Samples.Count);
        Assert.Contains(activity.Warnings, w => w.Code == "trailing-padding");
    }

    [Fact]
    public void Records_with_nothing_but_a_time_are_not_samples_and_records_without_time_warn()
    {
        var writer = new FitWriter();
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)FitProfile.ToFitSeconds(At(0)), FitValue.Invalid)
            .Write(0, (long)FitProfile.ToFitSeconds(At(1)), 120L)
            .Define(1, FitProfile.Record, [FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(1, 121L);
        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Equal(120, Assert.Single(activity.Samples).HeartRateBpm);
        Assert.Contains(activity.Warnings, w => w.Code == "record-without-time");
    }

    [Fact]
    public void User_profile_and_device_are_mapped()
    {
        ParsedActivity truth = Run(10) is var run
            ? new ParsedActivity
            {
                Format = ActivityFormat.Fit,
                Samples = run.Samples,
                Sessions = run.Sessions,
                UserProfile = new UserProfileInfo(41, "female", 58.5, 48, 188),
            }
            : throw new InvalidOperationException();
        var activity = FitActivityReader.Read(FitActivityWriter.Write(truth, new FitActivityWriteOptions { Manufacturer = 1, Product = 2691, SerialNumber = 99 }));
        Assert.Equal(truth.UserProfile, activity.UserProfile);
        Assert.Equal(new DeviceInfo("garmin", "2691", 99, null), activity.Device);
    }

    [Fact]
    public void Records_past_the_limit_are_thinned_evenly_so_two_byte_records_cannot_claim_unbounded_memory()
    {
        var writer = new FitWriter();
        uint t0 = FitProfile.ToFitSeconds(At(0));
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(0, (long)t0, 100L)
            .Define(1, FitProfile.Record, [FitFieldSpec.Of(3, FitBaseType.UInt8)]);
        const int records = 1_100_000; // the issue-19 file: 2.2 MB, 12.7 days at 1 Hz
        for (int i = 1; i < records; i++)
        {
            writer.WriteCompressed(1, t0 + (uint)i, 100L + (i % 50)); // 2 bytes per record
        }

        var activity = FitActivityReader.Read(writer.ToArray());
        int limit = RunRecovery.Formats.Fit.Mapping.FitActivityBuilder.MaxSamples;
        Assert.InRange(activity.Samples.Count, (limit / 2) + 1, limit);
        Assert.Contains(activity.Warnings, w => w.Code == "downsampled");
        Assert.Equal(At(0), activity.Samples[0].Time);

        // Evenly: one spacing throughout (8 s for 1.1 M records), and the end of the file is still there.
        var gaps = activity.Samples.Zip(activity.Samples.Skip(1), (a, b) => b.Time - a.Time).Distinct().ToList();
        Assert.Equal([TimeSpan.FromSeconds(8)], gaps);
        Assert.InRange(activity.Samples[^1].Time, At(0).AddSeconds(records - 9), At(0).AddSeconds(records - 1));
    }

    [Fact]
    public void A_file_within_the_limit_keeps_every_record()
    {
        var writer = new FitWriter();
        uint t0 = FitProfile.ToFitSeconds(At(0));
        writer.Define(0, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)]);
        int records = RunRecovery.Formats.Fit.Mapping.FitActivityBuilder.MaxSamples;
        for (int i = 0; i < records; i++)
        {
            writer.Write(0, (long)(t0 + (uint)i), 120L);
        }

        var activity = FitActivityReader.Read(writer.ToArray());
        Assert.Equal(records, activity.Samples.Count);
        Assert.DoesNotContain(activity.Warnings, w => w.Code == "downsampled");
    }

    [Fact]
    public void Streaming_decoder_memory_does_not_grow_with_the_file()
    {
        byte[] small = RunFile(1_000);
        byte[] large = RunFile(36_000);
        long Measure(byte[] file)
        {
            // The least of a few runs: the first ones can include one-time runtime allocations (JIT, pools).
            long least = long.MaxValue;
            for (int run = 0; run < 4; run++)
            {
                var sink = new CountingSink();
                long before = GC.GetAllocatedBytesForCurrentThread();
                FitDecoder.Decode(new MemoryStream(file), sink);
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            return least;
        }

        Measure(large);
        long smallBytes = Measure(small);
        long largeBytes = Measure(large);
        Assert.True(large.Length > 30 * small.Length);
        Assert.InRange(largeBytes - smallBytes, -4096, 4096);
    }

    [Fact]
    public void Mapping_allocates_nothing_per_record_beyond_the_sample_array()
    {
        byte[] file = RunFile(36_000);
        FitActivityReader.Read(file); // warm
        long before = GC.GetAllocatedBytesForCurrentThread();
        var activity = FitActivityReader.Read(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long sampleArray = (long)activity.Samples.Count * System.Runtime.CompilerServices.Unsafe.SizeOf<ActivitySample>();

        // One sample array sized from the bytes present (a few % above the record count: the file also holds
        // other messages) plus a fixed overhead. One 24-byte object per record would add 864 KB and fail this.
        Assert.InRange(allocated, sampleArray, (sampleArray * 105 / 100) + 200_000);
    }

    private sealed class CountingSink : IFitMessageSink
    {
        public int Count { get; private set; }

        public void OnFileHeader(in FitFileHeader header)
        {
        }

        public void OnDefinition(FitMessageDefinition definition)
        {
        }

        public void OnMessage(in FitMessage message) => Count++;

        public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
        {
        }

        public void OnWarning(FormatWarning warning)
        {
        }
    }
}
