using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Xml;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

/// <summary>
/// The UTF-8 subset reader (<see cref="Utf8XmlReader"/>, GPX's fast path) against the reference
/// <see cref="System.Xml.XmlTextReader"/> path: over every GPX file of the corpus, every GPX any test in this project
/// reads from memory (<see cref="GpxReader.FastPathObserver"/>, set for the whole assembly below), hand-written edge
/// cases and thousands of seeded mutations, the outcome must be the same: the same activity (compared as canonical
/// JSON: every sample, session, warning and line number), or the same refusal (the fast path hands the file over).
/// </summary>
public sealed class Utf8XmlReaderDifferentialTests
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private static int _observed;

    /// <summary>Every GPX read from memory by any test of this assembly is also read by the reference and compared.</summary>
    [ModuleInitializer]
    internal static void CompareEveryRead() => GpxReader.FastPathObserver = (content, limits, fast) =>
    {
        Interlocked.Increment(ref _observed);
        if (fast is not null)
        {
            string reference = Json(GpxReader.ReadReference(content, limits));
            if (reference != Json(fast))
            {
                throw new InvalidOperationException($"GPX fast path differs from the reference reader:\nfast: {Json(fast)[..Math.Min(2000, Json(fast).Length)]}\nreference: {reference[..Math.Min(2000, reference.Length)]}");
            }
        }
    };

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        if (FixtureCorpus.Directory is { } root && Directory.Exists(Path.Combine(root, "gpx")))
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "gpx"), "*.gpx").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }
        else
        {
            data.Add("(corpus absent)");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_gpx_file_reads_the_same_through_the_fast_path(string file)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] bytes = File.ReadAllBytes(FixtureCorpus.PathOf(Path.Combine("gpx", file)));

        ParsedActivity? fast = GpxReader.ReadFast(bytes);
        Outcome reference = Outcome.Of(() => GpxReader.ReadReference(bytes));
        if (fast is not null)
        {
            Assert.Equal(reference.Text, Json(fast));
        }
        else
        {
            // Handed over: only files outside the subset may be, and the result is the reference's by construction.
            Assert.Contains(file, HandedOver);
        }
    }

    /// <summary>Corpus files the fast path hands over, each for a reason outside its subset.</summary>
    private static readonly string[] HandedOver = [];

    [Fact]
    public void A_generated_garmin_style_file_is_read_by_the_fast_path_and_equals_the_reference()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Generated(points: 600, seed: 1));

        ParsedActivity? fast = GpxReader.ReadFast(bytes);

        Assert.NotNull(fast);
        Assert.Equal(600, fast.Samples.Count);
        Assert.Equal(Json(GpxReader.ReadReference(bytes)), Json(fast));
    }

    [Fact]
    public void Every_in_memory_read_of_this_assembly_goes_through_the_comparison()
    {
        int before = Volatile.Read(ref _observed);
        _ = ActivityFile.Read(Encoding.UTF8.GetBytes(Generated(points: 3, seed: 2)), "three.gpx");
        Assert.True(Volatile.Read(ref _observed) > before);
    }

    // Each case: a document the fast path reads itself (true) or must hand over (false); either way the outcome equals the reference's.
    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<gpx creator=\"A &amp; B &#x263A; &#65;\"><trk><name>Caf&#233; &lt;run&gt; &quot;x&quot; &apos;y&apos;</name><trkseg><trkpt lat='1' lon=\"2\"><time>2024-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>", true)]
    [InlineData("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><ele>12<!-- c -->3</ele><time>2024-01-01T10:00:00Z<?pi x?></time></trkpt></trkseg></trk></gpx>", true)]
    [InlineData("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><ele> 12 <!-- c --> </ele><time>\r\n2024-01-01T10:00:00Z\r\n</time></trkpt></trkseg></trk></gpx>", true)]
    [InlineData("<gpx>\r\n<trk>\r<name>two\r\nlines</name>\n<trkseg><trkpt lat=\"x\" lon=\"2\"><time>bad</time></trkpt>\r\n<trkpt><ele>e</ele></trkpt></trkseg></trk></gpx>", true)]
    [InlineData("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><extensions><a:b><a:hr>150</a:hr><c:cad>80</c:cad></a:b><power>250</power></extensions></trkpt><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk><rte><rtept lat=\"3\" lon=\"4\"/></rte></gpx>", true)]
    [InlineData("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2024-01-01T10:00:00Z</time></trkpt></trkseg></trk></gpx>\n<!-- after -->\n", false)]
    [InlineData("<gpx><trk><name> <![CDATA[Morning <run>]]> &amp; <![CDATA[ ]]></name><trkseg/></trk></gpx>", true)]
    [InlineData("<gpx><![CDATA[x]]></gpx><![CDATA[y]]>", false)]
    [InlineData("<gpx><trk><name><![CDATA[x]></name></trk></gpx>", false)]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><gpx><trk><name>Caf\u00e9</name></trk></gpx>", false)]
    [InlineData("<?xml version=\"1.1\"?><gpx/>", false)]
    [InlineData("<?XML version=\"1.0\"?><gpx/>", false)]
    [InlineData("<gpx><trk><name>&nbsp;</name></trk></gpx>", false)]
    [InlineData("<gpx><trk><name>&#32;</name></trk></gpx>", false)]
    [InlineData("<gpx><trk><name>a ]]> b</name></trk></gpx>", false)]
    [InlineData("<gpx><trk></trkk></gpx>", false)]
    [InlineData("<gpx><trk>", false)]
    [InlineData("<gpx a=\"1\" a=\"2\"/>", false)]
    [InlineData("<gpx a=\"1\"b=\"2\"/>", false)]
    [InlineData("<gpx a=1/>", false)]
    [InlineData("<gpx a=\"<\"/>", false)]
    [InlineData("<gpx/><gpx/>", false)]
    [InlineData("<gpx/>trailing", false)]
    [InlineData("<gpx><!-- a -- b --></gpx>", false)]
    [InlineData("<1gpx/>", false)]
    [InlineData("<tcx/>", false)]
    [InlineData("<!DOCTYPE gpx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><gpx><trk><name>&b;</name></trk></gpx>", false)]
    [InlineData("<!DOCTYPE gpx [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><gpx><trk><name>&xxe;</name></trk></gpx>", false)]
    [InlineData("<gpx><trk><name>&xxe;</name></trk></gpx>", false)]
    public void Edge_cases_match_the_reference(string document, bool fastPath)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(document);

        ParsedActivity? fast = GpxReader.ReadFast(bytes);
        Outcome reference = Outcome.Of(() => GpxReader.ReadReference(bytes));

        Assert.Equal(fastPath, fast is not null);
        Assert.Equal(reference, Outcome.Of(() => GpxReader.Read(bytes)));
        if (fast is not null)
        {
            Assert.Equal(reference.Text, Json(fast));
        }
    }

    [Fact]
    public void Limits_the_parser_enforces_refuse_with_the_reference_message()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Generated(points: 50, seed: 3));
        XmlLimits[] limits = [new() { MaxPoints = 10 }, new() { MaxDepth = 4 }, new() { MaxMarkupRunBytes = 40 }, new() { MaxDocumentBytes = 1000 }];
        foreach (XmlLimits limit in limits)
        {
            Assert.Null(GpxReader.ReadFast(bytes, limit));
            Outcome reference = Outcome.Of(() => GpxReader.ReadReference(bytes, limit));
            Assert.NotNull(reference.Error);
            Assert.Equal(reference, Outcome.Of(() => GpxReader.Read(bytes, limit)));
        }
    }

    public static TheoryData<string> MutationBases() => ["generated", "gpx/run_gpxtpx.gpx", "gpx/Friday-Evening-Run.gpx", "gpx/route.gpx"];

    /// <summary>
    /// Seeded damage (bytes flipped, replaced by XML's own characters, inserted, deleted, cut short): the fast path with
    /// its handover must give exactly the reference's outcome. 1,500 cases per base, 6,000 in all.
    /// </summary>
    [Theory]
    [MemberData(nameof(MutationBases))]
    public void Damaged_files_give_the_reference_outcome(string source)
    {
        byte[] original;
        if (source == "generated")
        {
            original = Encoding.UTF8.GetBytes(Generated(points: 8, seed: 4));
        }
        else
        {
            Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
            original = Shortened(File.ReadAllBytes(FixtureCorpus.PathOf(source)));
        }

        var random = new Random(17 + source.Length);
        int fastReads = 0;
        for (int round = 0; round < 1500; round++)
        {
            byte[] damaged = Mutate(original, random);
            Outcome reference = Outcome.Of(() => GpxReader.ReadReference(damaged));
            ParsedActivity? fast = GpxReader.ReadFast(damaged);
            if (fast is not null)
            {
                fastReads++;
                Assert.True(
                    reference.Error is null && reference.Text == Json(fast),
                    $"round {round}: fast path read what the reference {(reference.Error is null ? "reads differently" : "refuses: " + reference.Error)}\n{Encoding.UTF8.GetString(damaged)}");
            }

            Assert.Equal(reference, Outcome.Of(() => GpxReader.Read(damaged)));
        }

        TestContext.Current.SendDiagnosticMessage($"{source}: {fastReads} of 1,500 damaged files read by the fast path, the rest handed over");
        Assert.True(fastReads > 100, $"only {fastReads} of 1,500 damaged files stayed on the fast path: the comparison would say little");
    }

    /// <summary>A file over 5 KB without the points after its first 4 KB (the head holds every construct), still well-formed.</summary>
    private static byte[] Shortened(byte[] file)
    {
        int cut = file.Length > 5000 ? file.AsSpan(4000).IndexOf("</trkpt>"u8) : -1;
        int tail = file.AsSpan().LastIndexOf("</trkseg>"u8);
        return cut < 0 || tail < 4000 + cut ? file : [.. file.AsSpan(0, 4000 + cut + 8), .. file.AsSpan(tail)];
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        ReadOnlySpan<byte> interesting = "<>/\"'&;#x:=!?-[]0123456789.TZ+ \r\n\t\uFEFFa\u00e9"u8;
        var bytes = new List<byte>(original);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                case 2:
                    bytes[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 3:
                    bytes.Insert(at, interesting[random.Next(interesting.Length)]);
                    break;
                case 4:
                case 5:
                case 6:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(12)));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at); // cut short
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A Garmin-style GPX 1.1 document with the constructs real files use, slightly varied by <paramref name="seed"/>.</summary>
    internal static string Generated(int points, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        text.Append("<gpx creator=\"Garmin Connect &amp; Co\" version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\" ");
        text.Append("xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n");
        text.Append("  <metadata>\n    <link href=\"connect.garmin.com\"><text>Garmin Connect</text></link>\n    <time>2024-05-01T06:00:00.000Z</time>\n  </metadata>\n");
        text.Append("  <!-- exported -->\n  <trk>\n    <name>Caf\u00e9 &#x263A; run</name>\n    <type>running</type>\n    <trkseg>\n");
        var start = new DateTimeOffset(2024, 5, 1, 6, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < points; i++)
        {
            string lat = (46.05 + (i * 1e-5) + (random.NextDouble() * 1e-6)).ToString("0.0000000", CultureInfo.InvariantCulture);
            string lon = (14.5 + (i * 1e-5)).ToString("0.0000000", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"      <trkpt lat=\"{lat}\" lon=\"{lon}\">\n");
            text.Append(CultureInfo.InvariantCulture, $"        <ele>{300 + (random.NextDouble() * 10):0.0}</ele>\n");
            text.Append(CultureInfo.InvariantCulture, $"        <time>{start.AddSeconds(i):yyyy-MM-ddTHH:mm:ss}Z</time>\n");
            text.Append("        <extensions>\n          <gpxtpx:TrackPointExtension>\n");
            text.Append(CultureInfo.InvariantCulture, $"            <gpxtpx:hr>{120 + random.Next(40)}</gpxtpx:hr>\n");
            text.Append(CultureInfo.InvariantCulture, $"            <gpxtpx:cad>{80 + random.Next(10)}</gpxtpx:cad>\n");
            text.Append("          </gpxtpx:TrackPointExtension>\n        </extensions>\n      </trkpt>\n");
        }

        text.Append("    </trkseg>\n  </trk>\n</gpx>\n");
        return text.ToString();
    }

    private static string Json(ParsedActivity activity) => JsonSerializer.Serialize(activity, Canonical);

    /// <summary>What a read gave: the activity as canonical JSON, or the error's type, code, message and position.</summary>
    private sealed record Outcome(string? Text, string? Error)
    {
        public static Outcome Of(Func<ParsedActivity> read)
        {
            try
            {
                return new Outcome(Json(read()), null);
            }
            catch (ActivityFileException error)
            {
                return new Outcome(null, $"{error.GetType().Name} {error.Code} {error.Message} line {(error as XmlFormatException)?.Line} column {(error as XmlFormatException)?.Column}");
            }
        }
    }
}
