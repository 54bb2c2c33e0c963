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
