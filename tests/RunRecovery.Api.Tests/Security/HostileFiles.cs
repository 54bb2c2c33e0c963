using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// Hostile files built with our own encoders (FitActivityWriter, FitWriter, GpxWriter) and then damaged on
/// purpose: one representative per mutation class of <c>FitMutationTests</c>, XML bombs, archives with bombs
/// and unsafe names, implausible runs. Nothing here is read from disk.
/// </summary>
internal static class HostileFiles
{
    /// <summary>A fixed past moment, so that every mutation lands on the same bytes in every run.</summary>
    public static readonly DateTimeOffset Reference = new(2026, 11, 1, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A 10-minute FIT run some hours before <see cref="Reference"/>: the same bytes in every test run.</summary>
    public static byte[] FitRun(double hoursBefore = 6) => SyntheticRuns.Fit(Reference.AddHours(-hoursBefore), minutes: 10);

    /// <summary>Where the structures of a FIT file start: definitions (by global message number) and data messages.</summary>
    public sealed class FitLayout : IFitMessageSink
    {
        public int HeaderSize { get; private set; }

        public List<FitMessageDefinition> Definitions { get; } = [];

        public List<(ushort Global, long Offset)> Messages { get; } = [];

        public static FitLayout Of(byte[] file)
        {
            var layout = new FitLayout();
            FitDecoder.Decode(file, layout);
            return layout;
        }

        public FitMessageDefinition Definition(ushort global) => Definitions.First(d => d.GlobalMessageNumber == global);

        public long FirstMessage(ushort global) => Messages.First(m => m.Global == global).Offset;

        public void OnFileHeader(in FitFileHeader header) => HeaderSize = header.HeaderSize;

        public void OnDefinition(FitMessageDefinition definition) => Definitions.Add(definition);

        public void OnMessage(in FitMessage message) => Messages.Add((message.GlobalMessageNumber, message.Offset));

        public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
        {
        }

        public void OnWarning(FormatWarning warning)
        {
        }
    }

    /// <summary>Byte offset of a field's (number, size, base type) triple inside a definition record.</summary>
    public static int FieldTriple(FitMessageDefinition definition, byte fieldNumber) =>
        (int)definition.Offset + 6 + (3 * definition.IndexOf(fieldNumber));

    public static byte[] Mutate(byte[] file, Action<byte[], FitLayout> change)
    {
        byte[] copy = (byte[])file.Clone();
        change(copy, FitLayout.Of(file));
        return copy;
    }

    public static void FixHeaderCrc(byte[] file) =>
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), FitCrc.Compute(file.AsSpan(0, 12)));

    public static byte[] FitAt(DateTimeOffset start, int minutes = 10) => SyntheticRuns.Fit(start, minutes);

    /// <summary>A run whose values are absurd but representable: 254 bpm throughout, 40 m/s, 8,000 m up.</summary>
    public static byte[] FitWithAbsurdValues()
    {
        DateTimeOffset start = SyntheticRuns.HoursAgo(9);
        ParsedActivity run = SyntheticRuns.Run(start, 10);
        var samples = run.Samples.Select(s => s with { HeartRateBpm = 254, SpeedMetersPerSecond = 40, AltitudeMeters = 8000 }).ToList();
        return FitActivityWriter.Write(new ParsedActivity { Format = ActivityFormat.Fit, Sport = SportWords.Running, StartUtc = start, Samples = samples, Sessions = run.Sessions });
    }

    /// <summary>The start of a GPX file followed by zeros: passes the archive's first-bytes check, then expands like a bomb.</summary>
    public static byte[] GpxThenZeros(int length)
    {
        byte[] content = new byte[length];
        "<?xml version=\"1.0\"?><gpx version=\"1.1\">"u8.CopyTo(content);
        return content;
    }

    /// <summary>A 10-minute run whose session claims <paramref name="elapsed"/> and <paramref name="meters"/> (issue 19: 49.7 days, 42,950 km).</summary>
    public static byte[] FitClaiming(TimeSpan elapsed, double meters)
    {
        DateTimeOffset start = SyntheticRuns.HoursAgo(9);
        ParsedActivity run = SyntheticRuns.Run(start, 10);
        var sessions = run.Sessions.Select(s => s with { ElapsedTime = elapsed, TimerTime = elapsed, DistanceMeters = meters }).ToList();
        return FitActivityWriter.Write(new ParsedActivity { Format = ActivityFormat.Fit, Sport = SportWords.Running, StartUtc = start, Samples = run.Samples, Sessions = sessions });
    }

    /// <summary>
    /// A valid FIT file of another kind: file_id with <paramref name="fileType"/> (1 device, 2 settings, 9 weight
    /// scale…) and one message of that kind, CRCs right.
    /// </summary>
    public static byte[] NotAnActivity(byte fileType)
    {
        uint created = FitProfile.ToFitSeconds(SyntheticRuns.HoursAgo(2));
        var writer = new FitWriter()
            .Define(0, FitProfile.FileId, [
                FitFieldSpec.Of(0, FitBaseType.Enum), FitFieldSpec.Of(1, FitBaseType.UInt16), FitFieldSpec.Of(2, FitBaseType.UInt16),
                FitFieldSpec.Of(3, FitBaseType.UInt32z), FitFieldSpec.Of(4, FitBaseType.UInt32)])
            .Write(0, fileType, 1, 1, 12345, created);
        switch (fileType)
        {
            case 9: // weight_scale (30): timestamp, weight (scale 100, kg)
                writer.Define(1, 30, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(0, FitBaseType.UInt16)]).Write(1, created, 7150);
                break;
            case 2: // user_profile (3): weight (scale 10), resting HR
                writer.Define(1, 3, [FitFieldSpec.Of(4, FitBaseType.UInt16), FitFieldSpec.Of(8, FitBaseType.UInt8)]).Write(1, 715, 48);
                break;
            default: // device_info (23): timestamp, device index (also the only message of the empty "activity", type 4)
                writer.Define(1, 23, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(0, FitBaseType.UInt8)]).Write(1, created, 0);
                break;
        }

        return writer.ToArray();
    }

    public static byte[] Gpx(IReadOnlyList<ActivitySample> samples) => GpxWriter.ToBytes(samples, type: "running");

    /// <summary>10 minutes at 3 m/s starting at <paramref name="start"/>, heart rate from <paramref name="heartRate"/>.</summary>
    public static byte[] GpxRun(DateTimeOffset start, Func<int, int?>? heartRate = null) =>
        Gpx([.. SyntheticRuns.Run(start, 10).Samples.Select((s, i) => s with { HeartRateBpm = heartRate is null ? s.HeartRateBpm : heartRate(i) })]);

    /// <summary>600 s due east at 3 m/s on latitude 17° S (Fiji), crossing 180° after 300 s: 1,800 m in all.</summary>
    public static byte[] GpxAcrossTheAntimeridian(DateTimeOffset start)
    {
        const double latitude = -17.0;
        double degreesPerSecond = 3.0 / (111_320.0 * Math.Cos(latitude * Math.PI / 180));
        var samples = new List<ActivitySample>();
        for (int i = 0; i <= 600; i++)
        {
            double longitude = 180 - (300 * degreesPerSecond) + (i * degreesPerSecond);
            if (longitude > 180)
            {
                longitude -= 360;
            }

            samples.Add(new ActivitySample(start.AddSeconds(i), LatitudeDegrees: latitude, LongitudeDegrees: longitude, HeartRateBpm: 140));
        }

        return Gpx(samples);
    }

    public const string BillionLaughs =
        """
        <?xml version="1.0"?>
        <!DOCTYPE gpx [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&lol9;</name><trkseg>
        <trkpt lat="46.0" lon="14.5"><time>2026-11-20T08:00:00Z</time></trkpt></trkseg></trk></gpx>
        """;

    public static string ExternalEntity(string systemId, string root = "gpx") =>
        $"""
        <?xml version="1.0"?>
        <!DOCTYPE {root} [ <!ENTITY secret SYSTEM "{systemId}"> ]>
        <gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&secret;</name><trkseg>
        <trkpt lat="46.0" lon="14.5"><time>2026-11-20T08:00:00Z</time></trkpt></trkseg></trk></gpx>
        """;

    public const string TcxCourse =
        """
        <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Courses><Course><Name>Plan</Name>
        <Lap><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>1800</DistanceMeters></Lap><Track>
        <Trackpoint><Time>2026-11-20T08:00:00Z</Time><Position><LatitudeDegrees>46</LatitudeDegrees><LongitudeDegrees>14.5</LongitudeDegrees></Position></Trackpoint>
        <Trackpoint><Time>2026-11-20T08:10:00Z</Time><Position><LatitudeDegrees>46.016</LatitudeDegrees><LongitudeDegrees>14.5</LongitudeDegrees></Position></Trackpoint>
        </Track></Course></Courses></TrainingCenterDatabase>
        """;

    public const string GpxRouteWithoutTimes =
        """
        <gpx version="1.1" creator="planner" xmlns="http://www.topografix.com/GPX/1/1"><rte><name>Plan</name>
        <rtept lat="46.0" lon="14.5"/><rtept lat="46.01" lon="14.5"/><rtept lat="46.02" lon="14.51"/></rte></gpx>
        """;

    public const string TcxWithDtd =
        """
        <?xml version="1.0"?>
        <!DOCTYPE TrainingCenterDatabase SYSTEM "http://127.0.0.1:9/tcx.dtd">
        <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities/></TrainingCenterDatabase>
        """;

    /// <summary>A GPX whose track point sits under 100,000 nested extension elements.</summary>
    public static byte[] GpxDeeplyNested(int depth = 100_000)
    {
        var xml = new StringBuilder("<gpx version=\"1.1\" creator=\"x\" xmlns=\"http://www.topografix.com/GPX/1/1\"><extensions>");
        xml.Insert(xml.Length, "<a>", depth).Append("deep").Insert(xml.Length, "</a>", depth);
        xml.Append("</extensions><trk><trkseg><trkpt lat=\"46\" lon=\"14.5\"><time>2026-11-20T08:00:00Z</time></trkpt></trkseg></trk></gpx>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>A track point whose lat attribute is 2 MB of digits.</summary>
    public static byte[] GpxHugeAttribute() => Encoding.UTF8.GetBytes(
        "<gpx version=\"1.1\" creator=\"x\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><trkseg><trkpt lat=\"4"
        + new string('6', 2 << 20) + "\" lon=\"14.5\"><time>2026-11-20T08:00:00Z</time></trkpt></trkseg></trk></gpx>");

    public static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(CompressionLevel.Fastest, entries);

    public static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in entries)
            {
                using Stream stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A zip holding a zip holding … <paramref name="depth"/> levels down, a FIT run at the bottom.</summary>
    public static byte[] NestedZip(int depth)
    {
        byte[] content = Zip(("run.fit", FitRun(30)));
        for (int level = 1; level < depth; level++)
        {
            content = Zip(($"level{level}.zip", content));
        }

        return content;
    }

    /// <summary>A zip of <paramref name="count"/> one-byte entries named like FIT files.</summary>
    public static byte[] ZipWithManyEntries(int count) =>
        Zip(CompressionLevel.NoCompression, [.. Enumerable.Range(0, count).Select(i => ($"e/{i}.txt", new byte[] { 1 }))]);
}
