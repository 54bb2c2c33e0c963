using System.Text;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Tcx;
using RunRecovery.Formats.Xml;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

/// <summary>Hostile XML is refused with "xml-forbidden" after reading only a little of it.</summary>
public sealed class MaliciousXmlTests
{
    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <gpx version="1.1"><trk><name>&lol9;</name></trk></gpx>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE gpx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <gpx version="1.1"><trk><name>&xxe;</name><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>
        """;

    [Theory]
    [InlineData(BillionLaughs)]
    [InlineData(ExternalEntity)]
    public void A_dtd_is_refused_by_content_detection(string xml)
    {
        var error = Assert.Throws<XmlSecurityException>(() => ActivityFile.Read(Encoding.UTF8.GetBytes(xml), "evil.gpx"));

        Assert.Equal("xml-forbidden", error.Code);
        Assert.Contains("DOCTYPE", error.Message, StringComparison.Ordinal);
        Assert.Equal(xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal), error.Offset);
    }

    [Theory]
    [InlineData(BillionLaughs)]
    [InlineData(ExternalEntity)]
    public void A_dtd_is_refused_by_the_gpx_parser_itself(string xml)
    {
        var error = Assert.Throws<XmlSecurityException>(() => GpxReader.Read(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal("xml-forbidden", error.Code);
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dtd_is_refused_by_the_tcx_parser_itself()
    {
        string xml = ExternalEntity.Replace("gpx", "TrainingCenterDatabase", StringComparison.Ordinal);

        var error = Assert.Throws<XmlSecurityException>(() => TcxReader.Read(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal("xml-forbidden", error.Code);
    }

    [Theory]
    [InlineData("gpx", "<trk><trkseg><trkpt lat=\"1\" lon=\"1\"><extensions>", "</extensions></trkpt></trkseg></trk>")]
    [InlineData("gpx", "<metadata>", "</metadata>")]
    [InlineData("gpx", "<trk><trkseg><trkpt lat=\"1\" lon=\"1\"><ele>", "</ele></trkpt></trkseg></trk>")]
    [InlineData("gpx", "<trk><name>", "</name></trk>")]
    [InlineData("TrainingCenterDatabase", "<Activities><Activity><Lap><Track><Trackpoint>", "</Trackpoint></Track></Lap></Activity></Activities>")]
    public void Ten_thousand_deep_nesting_is_refused_at_the_depth_limit(string root, string open, string close)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\"?><{root}>{open}");
        xml.Insert(xml.Length, "<a>", 10_000).Insert(xml.Length, "</a>", 10_000).Append(close).Append($"</{root}>");

        var error = Assert.Throws<XmlSecurityException>(() => ActivityFile.Read(Encoding.UTF8.GetBytes(xml.ToString()), "deep"));

        Assert.Equal("xml-forbidden", error.Code);
        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void A_100_MB_attribute_is_refused_after_reading_about_one_MB()
    {
        using var stream = new GeneratedStream(
            "<?xml version=\"1.0\"?><gpx version=\"1.1\"><trk><trkseg><trkpt lat=\""u8.ToArray(),
            fillerBytes: 100L << 20,
            "\" lon=\"1\"/></trkseg></trk></gpx>"u8.ToArray());

        var error = Assert.Throws<XmlSecurityException>(() => GpxReader.Read(stream));

        Assert.Equal("xml-forbidden", error.Code);
        Assert.True(stream.BytesServed < 4L << 20, $"read {stream.BytesServed} bytes before refusing");
        Assert.Equal(54, error.Offset); // the byte after the last '<' (the one opening <trkpt at byte 53)
    }

    [Fact]
    public void A_100_MB_text_node_is_refused_in_tcx_too()
    {
        using var stream = new GeneratedStream(
            "<?xml version=\"1.0\"?><TrainingCenterDatabase><Activities><Activity><Notes>"u8.ToArray(),
            fillerBytes: 100L << 20,
            "</Notes></Activity></Activities></TrainingCenterDatabase>"u8.ToArray());

        var error = Assert.Throws<XmlSecurityException>(() => TcxReader.Read(stream));

        Assert.Equal("xml-forbidden", error.Code);
        Assert.True(stream.BytesServed < 4L << 20);
    }

    [Theory]
    [InlineData("<gpx><trk><trkseg>", "<trkpt lat=\"1\" lon=\"1\"/>", "</trkseg></trk></gpx>")]
    [InlineData("<TrainingCenterDatabase><Activities><Activity><Lap><Track>", "<Trackpoint><Time>2024-01-01T00:00:00Z</Time></Trackpoint>", "</Track></Lap></Activity></Activities></TrainingCenterDatabase>")]
    public void Millions_of_tiny_points_are_refused_at_the_point_limit(string open, string point, string close)
    {
        var xml = new StringBuilder(open).Insert(open.Length, point, 1001).Append(close);

        var error = Assert.Throws<XmlSecurityException>(() => ActivityFile.ReadXml(Encoding.UTF8.GetBytes(xml.ToString()), new XmlLimits { MaxPoints = 1000 }));

        Assert.Equal("xml-forbidden", error.Code);
        Assert.Contains("more than 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_well_formed_xml_gives_a_malformed_error_with_its_line()
    {
        byte[] xml = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">\n<trk><trkseg><trkpt lat=\"1\" lon=\"2\"></trkseg></trk></gpx>"u8.ToArray();

        var error = Assert.Throws<XmlFormatException>(() => ActivityFile.Read(xml, "broken.gpx"));

        Assert.Equal("malformed", error.Code);
        Assert.Equal(3, error.Line);
    }

    /// <summary>Serves prefix + N filler bytes ('7') + suffix without ever holding the filler in memory.</summary>
    private sealed class GeneratedStream(byte[] prefix, long fillerBytes, byte[] suffix) : Stream
    {
        private long _position;

        public long BytesServed => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + fillerBytes + suffix.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int written = 0;
            while (written < count && _position < Length)
            {
                long p = _position;
                if (p < prefix.Length)
                {
                    buffer[offset + written] = prefix[p];
                }
                else if (p < prefix.Length + fillerBytes)
                {
                    int run = (int)Math.Min(count - written, prefix.Length + fillerBytes - p);
                    buffer.AsSpan(offset + written, run).Fill((byte)'7');
                    written += run;
                    _position += run;
                    continue;
                }
                else
                {
                    buffer[offset + written] = suffix[p - prefix.Length - fillerBytes];
                }

                written++;
                _position++;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
