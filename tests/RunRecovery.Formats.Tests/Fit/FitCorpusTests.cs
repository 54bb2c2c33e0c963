using System.Text.Json;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>
/// Every FIT file of the shared corpus: decodes, or fails exactly as CATALOG.md documents; session totals as the
/// file states them, compared with Garmin's JS SDK reading in reference/peers.jsonl.
/// </summary>
public sealed class FitCorpusTests
{
    /// <summary>The deliberately damaged files: exception type, code and byte offset (CATALOG.md), samples decoded before it.</summary>
    public static TheoryData<string, Type, string, long, int> DamagedFiles => new()
    {
        { "activity-unexpected-eof.fit", typeof(FitTruncatedException), "truncated", 751, 14 },
        { "activity-settings-nodata.fit", typeof(FitTruncatedException), "truncated", 783, 14 },
        { "activity-settings-corruptheader.fit", typeof(FitFormatException), "bad-header", 771, 14 },
        { "nick.fit", typeof(FitTruncatedException), "truncated", 403437, 14391 },
        { "strava-android-app-201.10-b1218918.fit", typeof(FitFormatException), "undefined-local-message", 7471, 473 },
    };

    public static TheoryData<string> AllFiles()
    {
        var data = new TheoryData<string>();
        string? dir = FixtureCorpus.Directory;
        if (dir is null)
        {
            data.Add("(corpus absent)");
            return data;
        }

        foreach (string file in Directory.GetFiles(Path.Combine(dir, "fit")).Where(f => !f.EndsWith(".csv", StringComparison.Ordinal)).Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void Damaged_file_fails_with_documented_error_and_keeps_what_came_before(string file, Type type, string code, long offset, int samples)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = Read(file);

        var error = Assert.ThrowsAny<ActivityFileException>(() => FitActivityReader.Read(bytes));
        Assert.IsType(type, error);
        Assert.Equal(code, error.Code);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(samples, error.Partial!.Samples.Count);
        Assert.Equal(code, error.Partial.Error!.Code);

        var fromStream = Assert.ThrowsAny<ActivityFileException>(() => FitActivityReader.Read(new MemoryStream(bytes)));
        Assert.Equal(offset, fromStream.Offset);
    }

    [Theory]
    [InlineData("activity-filecrc.fit", 769)]
    [InlineData("activity-activity-filecrc.fit", 1540)]
    public void Bad_file_crc_is_a_warning_and_an_error_when_strict(string file, long crcOffset)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = Read(file);

        var lenient = FitActivityReader.Read(bytes);
        Assert.Null(lenient.Error);
        Assert.Equal(crcOffset, Assert.Single(lenient.Warnings, w => w.Code == "crc-mismatch").Offset);

        var strict = Assert.Throws<FitIntegrityException>(() => FitActivityReader.Read(bytes, new FitReadOptions { StrictCrc = true }));
        Assert.Equal(crcOffset, strict.Offset);
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Every_corpus_file_decodes_or_fails_as_documented(string file)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = Read(file);
        var activity = FitActivityReader.Read(bytes, new FitReadOptions { ReturnPartialOnError = true });
        bool damaged = DamagedFiles.Any(row => row.Data.Item1 == file);
        Assert.Equal(damaged, activity.Error is not null);

        // Samples are in file order, which is time order except where the file itself steps back: the same
        // file chained twice, and two records of the fenix 2 multisport file that are 1 s older than the one before.
        int stepsBack = activity.Samples.Skip(1).Where((s, i) => s.Time < activity.Samples[i].Time).Count();
        Assert.Equal(file switch { "activity-activity-filecrc.fit" => 1, "activity-large-fenxi2-multisport.fit" => 2, _ => 0 }, stepsBack);

        var streamed = FitActivityReader.Read(new MemoryStream(bytes), new FitReadOptions { ReturnPartialOnError = true });
        Assert.Equal(activity.Samples, streamed.Samples);

        JsonElement? peer = Peer(file);
        if (peer is not JsonElement sdk)
        {
            return;
        }

        // Session totals as the file states them (Garmin's SDK read the same fields).
        JsonElement[] sessions = sdk.GetProperty("sessions").EnumerateArray().ToArray();
        Assert.Equal(sessions.Length, activity.Sessions.Count);
        for (int i = 0; i < sessions.Length; i++)
        {
            ActivitySession ours = activity.Sessions[i];
            JsonElement theirs = sessions[i];
            Close(Number(theirs, "total_elapsed_time"), ours.ElapsedTime?.TotalSeconds);
            Close(Number(theirs, "total_timer_time"), ours.TimerTime?.TotalSeconds);
            Close(Number(theirs, "total_distance"), ours.DistanceMeters);
            Assert.Equal(Number(theirs, "total_ascent"), ours.AscentMeters);
            Assert.Equal(Number(theirs, "total_descent"), ours.DescentMeters);
            Assert.Equal(Number(theirs, "avg_heart_rate"), ours.AvgHeartRateBpm);
            Assert.Equal(Number(theirs, "max_heart_rate"), ours.MaxHeartRateBpm);
            Assert.Equal(Normalize(theirs.GetProperty("sport").GetString()), Normalize(ours.Sport)); // the profile's own word, "fitness_equipment" included
            Assert.Equal(StartTime(theirs), ours.StartUtc);
        }

        // Record messages (wire layer) match the SDK's count; compressed-timestamp files it cannot read.
        int records = CountRecords(bytes);
        int sdkRecords = sdk.GetProperty("records").GetInt32();
        if (sdkRecords > 0 && file != "DeveloperData.fit") // its 3 records have no timestamp, so they are not samples
        {
            Assert.Equal(sdkRecords, records);
            Assert.Equal(sdk.GetProperty("records_with_position").GetInt32(), activity.Samples.Count(s => s.HasPosition));
            Assert.Equal(sdk.GetProperty("records_with_altitude").GetInt32(), activity.Samples.Count(s => s.AltitudeMeters is not null));
            // Heart rate from the chained HR files (hr messages) is merged into records like the SDK does, except one
            // record of the pool swim that falls between two beats: the SDK fills it, we leave it (then it is empty).
            int withHeartRate = activity.Samples.Count(s => s.HeartRateBpm is not null);
            Assert.Equal(sdk.GetProperty("records_with_hr").GetInt32() - (file == "event_timestamp.fit" ? 1 : 0), withHeartRate);
        }

        string? manufacturer = sdk.GetProperty("manufacturer").GetString();
        if (activity.Device?.Manufacturer is string ours2 && !ours2.All(char.IsAsciiDigit) && manufacturer is not null)
        {
            Assert.Equal(Normalize(manufacturer), Normalize(ours2));
        }
    }

    [Fact]
    public void Multisport_fenix2_keeps_seven_sessions_with_their_sports_and_sample_ranges()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(Read("activity-large-fenxi2-multisport.fit"));
        Assert.Equal(
            [SportWords.Generic, SportWords.Transition, SportWords.Running, SportWords.Transition, SportWords.Running, SportWords.Transition, SportWords.Cycling],
            activity.Sessions.Select(s => s.Sport));
        Assert.Equal(SportWords.Multisport, activity.Sport);
        Assert.Null(activity.SubSport);
        Assert.Equal(69831.4, activity.Sessions.Sum(s => s.DistanceMeters!.Value), 1);
        Assert.Equal(24617.5, activity.Sessions.Sum(s => s.ElapsedTime!.Value.TotalSeconds), 1);
        // Sessions tile the samples without overlap. The first 2700 records (07:14:44–08:00:00) precede the first
        // session's start_time, and the generic session's elapsed time runs past the next session's start.
        Assert.Equal(2700, activity.Sessions[0].FirstSampleIndex);
        for (int i = 1; i < activity.Sessions.Count; i++)
        {
            Assert.Equal(activity.Sessions[i].FirstSampleIndex, activity.Sessions[i - 1].FirstSampleIndex + activity.Sessions[i - 1].SampleCount);
        }

        Assert.Equal(activity.Samples.Count, activity.Sessions[^1].FirstSampleIndex + activity.Sessions[^1].SampleCount);
    }

    [Fact]
    public void Chained_triathlon_reads_all_four_files()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = Read("sample_mulitple_header.fit");
        var sink = new RecordingSink();
        FitDecoder.Decode(bytes, sink);
        Assert.Equal(4, sink.Headers.Count);
        var activity = FitActivityReader.Read(bytes);
        Assert.Equal([SportWords.Swimming, SportWords.Transition, SportWords.Cycling, SportWords.Transition, SportWords.Running], activity.Sessions.Select(s => s.Sport));
        Assert.Equal(SportWords.Multisport, activity.Sport); // not "swimming", its first leg (issue 15)
        Assert.Equal(52533.7, activity.Sessions.Sum(s => s.DistanceMeters!.Value), 1);
    }

    [Theory]
    [InlineData("antfs-dump.63.fit", 685)]
    [InlineData("compressed-speed-distance.fit", 754)]
    public void Fr70_compressed_timestamp_files_decode_with_a_device_relative_clock(string file, int samples)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(Read(file));
        Assert.Equal(samples, activity.Samples.Count);
        Assert.True(activity.ClockIsDeviceRelative);
        Assert.Null(activity.StartUtc);
        Assert.All(activity.Samples, s => Assert.True((s.Time - FitProfile.Epoch).TotalSeconds < FitProfile.MinimumAbsoluteTime));
        Assert.Equal(SportWords.Running, activity.Sport);
    }

    [Fact]
    public void Compressed_speed_distance_accumulates_to_the_session_distance()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(Read("compressed-speed-distance.fit"));
        Assert.Equal(10248.6875, activity.Samples[^1].DistanceMeters!.Value, 4);
        Assert.Equal(10248.67, activity.Sessions[0].DistanceMeters!.Value, 2);
    }

    [Fact]
    public void Mornindew_redeclared_developer_fields_pauses_and_offset()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(Read("mornindew-broken.fit"));
        Assert.Equal(
            ["Power", "Cadence", "Ground Time", "Vertical Oscillation", "Elevation", "Form Power", "Leg Spring Stiffness"],
            activity.DeveloperChannels.Select(c => c.Name));
        Assert.All(activity.DeveloperChannels, c => Assert.Equal(activity.Samples.Count, c.Values.Count));
        Assert.True(activity.DeveloperChannels[0].Values.Count(v => v is > 0) > 6000);

        // 18 timer starts and 19 stops: 17 resumed pauses (the final stop ends the recording, it is not a pause).
        Assert.Equal(17, activity.Pauses.Count);
        Assert.All(activity.Pauses, p => Assert.True(p.ResumeUtc > p.StopUtc));
        Assert.InRange(activity.Pauses.Sum(p => (p.ResumeUtc!.Value - p.StopUtc).TotalSeconds), 1700, 1800); // elapsed − timer = 1773 s
        Assert.Equal(TimeSpan.FromHours(-6), activity.UtcOffset);
    }

    [Fact]
    public void Two_developer_apps_keep_their_indexes_and_hrv_becomes_rr_intervals()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(Read("running-with-developer-data.fit"));
        Assert.Contains(activity.DeveloperChannels, c => c.Name == "Power" && c.DeveloperDataIndex == 1);
        Assert.True(activity.RrIntervalsSeconds.Count > 1682);
        // One interval is 3.347 s (a missed beat or strap dropout), kept as the file states it.
        Assert.All(activity.RrIntervalsSeconds, rr => Assert.InRange(rr, 0.2, 3.5));
    }

    [Fact]
    public void Treadmill_run_has_distance_but_no_position()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(Read("0137001239.fit"));
        Assert.Equal("indoor_running", activity.SubSport);
        Assert.DoesNotContain(activity.Samples, s => s.HasPosition);
        Assert.Equal(13068.35, activity.Samples[^1].DistanceMeters!.Value, 2);
        Assert.Contains(activity.DeveloperChannels, c => c.Name == "RP_Power");
    }

    [Fact]
    public void Coros_misaligned_fields_warn_and_still_decode()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var activity = FitActivityReader.Read(Read("coros-pace-2-cycling-misaligned-fields.fit"));
        Assert.Contains(activity.Warnings, w => w.Code == "field-size-mismatch");
        Assert.Equal(11272, activity.Samples.Count);
    }

    [Fact]
    public void Nick_has_no_session_and_its_records_span_the_ride()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        var error = Assert.Throws<FitTruncatedException>(() => FitActivityReader.Read(Read("nick.fit")));
        ParsedActivity partial = error.Partial!;
        Assert.Empty(partial.Sessions);
        Assert.Equal(SportWords.Cycling, partial.Sport); // from the sport message
        Assert.Equal(16723, (partial.Samples[^1].Time - partial.Samples[0].Time).TotalSeconds);
        Assert.Equal(new DateTimeOffset(2020, 9, 12, 12, 23, 38, TimeSpan.Zero), partial.StartUtc);
    }

    [Fact]
    public void Local_timestamp_gives_the_utc_offset()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        Assert.Equal(TimeSpan.FromHours(-7), FitActivityReader.Read(Read("garmin-fenix-5-run.fit")).UtcOffset);
        Assert.Null(FitActivityReader.Read(Read("Edge810-Vector-2013-08-16-15-35-10.fit")).UtcOffset);
    }

    internal static byte[] Read(string file) => File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("fit", file)));

    private static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is double e)
        {
            Assert.InRange(actual!.Value, e - 0.001, e + 0.001);
        }
    }

    private static int CountRecords(byte[] bytes)
    {
        var sink = new RecordingSink();
        try
        {
            FitDecoder.Decode(bytes, sink);
        }
        catch (ActivityFileException)
        {
            // damaged files: count what came before the damage
        }

        return sink.Messages.Count(m => m.Global == FitProfile.Record);
    }

    private static readonly Lazy<Dictionary<string, JsonElement>> Peers = new(() =>
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(FixtureCorpus.PathOf(Path.Combine("reference", "peers.jsonl"))))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("peer").GetString()!.StartsWith("@garmin/fitsdk", StringComparison.Ordinal))
            {
                result[doc.RootElement.GetProperty("file").GetString()!] = doc.RootElement.Clone();
            }
        }

        return result;
    });

    private static JsonElement? Peer(string file) => Peers.Value.TryGetValue(file, out JsonElement e) ? e : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static DateTimeOffset? StartTime(JsonElement e) =>
        e.TryGetProperty("start_time", out JsonElement v) && v.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static string Normalize(string? name) => (name ?? "").Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
}
