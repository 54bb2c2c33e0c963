using RunRecovery.Formats.Xml;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

public sealed class IsoTimeTests
{
    [Theory]
    [InlineData("2019-11-16T07:31:05Z", "2019-11-16T07:31:05.0000000+00:00", null, false)]
    [InlineData("2019-11-16T07:31:05.418000Z", "2019-11-16T07:31:05.4180000+00:00", null, false)]
    [InlineData("1901-12-13T20:45:52.2073437Z", "1901-12-13T20:45:52.2073437+00:00", null, false)]
    [InlineData("2021-05-08T15:59:36+01:00", "2021-05-08T14:59:36.0000000+00:00", 60, false)]
    [InlineData("2021-05-08T15:59:36-0300", "2021-05-08T18:59:36.0000000+00:00", -180, false)]
    [InlineData("2021-05-08T15:59:36+00:00", "2021-05-08T15:59:36.0000000+00:00", 0, false)]
    [InlineData("2021-05-08T15:59:36", "2021-05-08T15:59:36.0000000+00:00", null, true)]
    [InlineData(" 2021-05-08T15:59:36Z\n", "2021-05-08T15:59:36.0000000+00:00", null, false)]
    [InlineData("2021-05-08 15:59:36Z", "2021-05-08T15:59:36.0000000+00:00", null, false)]
    public void Parses_the_shapes_gpx_and_tcx_files_use(string text, string utc, int? offsetMinutes, bool zoneMissing)
    {
        Assert.True(IsoTime.TryParse(text, out DateTimeOffset parsed, out TimeSpan? offset, out bool missing));

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.Equal(offsetMinutes is { } m ? TimeSpan.FromMinutes(m) : null, offset);
        Assert.Equal(zoneMissing, missing);
    }

    [Theory]
    [InlineData("P37S")]       // an ISO duration written in place of a time (research §4.8)
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2021-13-08T15:59:36Z")]
    [InlineData("2021-02-30T15:59:36Z")]
    public void Refuses_what_is_not_a_time(string text)
    {
        Assert.False(IsoTime.TryParse(text, out _, out _, out _));
    }
}
