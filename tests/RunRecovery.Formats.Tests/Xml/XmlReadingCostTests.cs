using System.Globalization;
using System.Text;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Tcx;
using RunRecovery.Formats.Xml;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

/// <summary>
/// What the XML reading CPU work of issue 19 changed must not change a result: a repeated warning is counted, its
/// message is the first one's and is formatted only once; a TCX value longer than the reader's short buffer is read
/// whole, as the string-based reading did.
/// </summary>
public sealed class XmlReadingCostTests
{
    [Fact]
    public void A_repeated_warning_is_counted_and_its_message_formatted_only_the_first_time()
    {
        var warnings = new WarningList();
        int formatted = 0;
        string Line(int line)
        {
            formatted++;
            return line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        for (int i = 1; i <= 3; i++)
        {
            warnings.Add("time-missing", $"a point has no time (first at line {Line(i)})");
        }

        warnings.Add("other", "constant message");

        Assert.Equal(1, formatted);
        Assert.Equal(
            [new FormatWarning("time-missing", "a point has no time (first at line 1) (3 times)", null), new FormatWarning("other", "constant message", null)],
            warnings.ToList());
    }

    [Theory]
    [InlineData("46.050020082")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("+.5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("000123.4500")]
    [InlineData("999999999.999999")]
    [InlineData("1000000000.5")]
    [InlineData("0.000000000000001")]
    [InlineData("0.1234567890123456")]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData(" 12.5 ")]
    public void A_number_reads_bit_for_bit_as_the_framework_reads_it(string text) =>
        Assert.Equal(Framework(text), Bits(SafeXml.ParseDouble(text)));

    [Fact]
    public void Random_decimals_read_bit_for_bit_as_the_framework_reads_them()
    {
        var random = new Random(19);
        var text = new StringBuilder();
        for (int n = 0; n < 200_000; n++)
        {
            text.Clear();
            if (random.Next(4) == 0)
            {
                text.Append(random.Next(2) == 0 ? '-' : '+');
            }

            int length = random.Next(1, 19);
            int point = random.Next(-1, length + 1);
            for (int i = 0; i < length; i++)
            {
                if (i == point)
                {
                    text.Append('.');
                }

                text.Append((char)('0' + random.Next(10)));
            }

            string value = text.ToString();
            Assert.True(Framework(value) == Bits(SafeXml.ParseDouble(value)), value);
        }
    }

    private static long? Framework(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            && Math.Abs(value) <= SafeXml.MaxMagnitude
            ? BitConverter.DoubleToInt64Bits(value)
            : null;

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;

    [Fact]
    public void A_tcx_value_longer_than_the_short_buffer_is_read_whole()
    {
        string padding = new(' ', 300);
        ParsedActivity activity = TcxReader.Read(Encoding.UTF8.GetBytes(
            $"""
            <TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2024-05-01T06:00:00Z</Id><Lap StartTime="2024-05-01T06:00:00Z"><Track>
            <Trackpoint><Time>{padding}2024-05-01T06:00:00Z{padding}</Time><Position><LatitudeDegrees>{padding}46.5{padding}</LatitudeDegrees><LongitudeDegrees>14.<!-- split -->25</LongitudeDegrees></Position><AltitudeMeters><![CDATA[301.]]>5</AltitudeMeters></Trackpoint>
            </Track></Lap></Activity></Activities></TrainingCenterDatabase>
            """));

        ActivitySample sample = Assert.Single(activity.Samples);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 6, 0, 0, TimeSpan.Zero), sample.Time);
        Assert.Equal(46.5, sample.LatitudeDegrees);
        Assert.Equal(14.25, sample.LongitudeDegrees);
        Assert.Equal(301.5, sample.AltitudeMeters);
    }
}
