using System.Globalization;
using System.Text;
using RunRecovery.Formats.Fit.Mapping;
using RunRecovery.Formats.Gpx;
using RunRecovery.Formats.Model;
using RunRecovery.Formats.Tcx;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

/// <summary>
/// Issue 19 point 3: GPX and TCX files are bounded like FIT while they are read — at most
/// <see cref="FitActivityBuilder.MaxSamples"/> samples (48 h at 1 Hz), thinned evenly (every 2nd, 4th… point) with the
/// warning <c>downsampled</c>, the end of the file kept, and sessions and segments still pointing at their own points.
/// </summary>
public sealed class XmlThinningTests
{
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Time(int second) => Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Two tracks of <paramref name="perTrack"/> points at 1 Hz, the second in two segments, one after the other.</summary>
    private static byte[] Gpx(int perTrack)
    {
        var xml = new StringBuilder("<gpx version=\"1.1\">");
        int second = 0;
        for (int track = 0; track < 2; track++)
        {
            xml.Append("<trk><type>running</type><trkseg>");
            for (int i = 0; i < perTrack; i++)
            {
                if (track == 1 && i == perTrack / 2)
                {
                    xml.Append("</trkseg><trkseg>");
                }

                xml.Append("<trkpt lat=\"46\" lon=\"14\"><time>").Append(Time(second++)).Append("</time></trkpt>");
            }

            xml.Append("</trkseg></trk>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</gpx>").ToString());
    }

    [Fact]
    public void A_gpx_of_more_than_48_hours_at_1_hz_is_thinned_evenly_while_read_and_its_tracks_keep_their_points()
    {
        const int perTrack = 200_000; // 400,000 points: thinned to every 4th
        ParsedActivity activity = GpxReader.Read(Gpx(perTrack));

        Assert.InRange(activity.Samples.Count, FitActivityBuilder.MaxSamples / 2, FitActivityBuilder.MaxSamples);
        Assert.Equal("downsampled", Assert.Single(activity.Warnings).Code);
        Assert.Equal(100_000, activity.Samples.Count);
        Assert.All(Enumerable.Range(1, activity.Samples.Count - 1), i => Assert.Equal(4, (activity.Samples[i].Time - activity.Samples[i - 1].Time).TotalSeconds));
        Assert.Equal(Start.AddSeconds((2 * perTrack) - 4), activity.Samples[^1].Time); // the end is kept, only coarser

        Assert.Equal(2, activity.Sessions.Count);
        Assert.Equal((0, perTrack / 4), (activity.Sessions[0].FirstSampleIndex, activity.Sessions[0].SampleCount));
        Assert.Equal((perTrack / 4, perTrack / 4), (activity.Sessions[1].FirstSampleIndex, activity.Sessions[1].SampleCount));
        Assert.Equal(Start.AddSeconds(perTrack), activity.Sessions[1].StartUtc);
        Assert.Equal(Start.AddSeconds(perTrack), activity.Samples[activity.Sessions[1].FirstSampleIndex].Time);

        // Three segments: the first track's, and the second track's two.
        Assert.Equal([0, perTrack / 4, (perTrack + (perTrack / 2)) / 4], activity.SegmentStartIndices);
        Assert.Equal(Start.AddSeconds(perTrack + (perTrack / 2)), activity.Samples[activity.SegmentStartIndices[2]].Time);
    }

    [Fact]
    public void A_gpx_of_up_to_48_hours_at_1_hz_is_not_thinned()
    {
        ParsedActivity activity = GpxReader.Read(Gpx(FitActivityBuilder.MaxSamples / 2));

        Assert.Equal(FitActivityBuilder.MaxSamples, activity.Samples.Count);
        Assert.Empty(activity.Warnings);
        Assert.Equal(FitActivityBuilder.MaxSamples / 2, activity.Sessions[1].FirstSampleIndex);
    }

    [Fact]
    public void A_tcx_of_400_000_trackpoints_is_thinned_while_read_and_its_activities_and_tracks_keep_their_points()
    {
        const int perActivity = 200_000; // 400,000 trackpoints, two a second: thinned to every 4th
        var xml = new StringBuilder("<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities>");
        int point = 0;
        for (int activity = 0; activity < 2; activity++)
        {
            xml.Append("<Activity Sport=\"Running\"><Id>").Append(Time(point / 2)).Append("</Id><Lap StartTime=\"").Append(Time(point / 2)).Append("\"><Track>");
            for (int i = 0; i < perActivity; i++)
            {
                if (activity == 1 && i == perActivity / 2)
                {
                    xml.Append("</Track><Track>"); // a timer stop: a second segment
                }

                xml.Append("<Trackpoint><Time>").Append(Time(point++ / 2)).Append("</Time></Trackpoint>");
            }

            xml.Append("</Track></Lap></Activity>");
        }

        ParsedActivity parsed = TcxReader.Read(Encoding.UTF8.GetBytes(xml.Append("</Activities></TrainingCenterDatabase>").ToString()));

        Assert.Equal(100_000, parsed.Samples.Count);
        Assert.Equal("downsampled", Assert.Single(parsed.Warnings).Code);
        Assert.Equal(Start.AddSeconds(((2 * perActivity) - 4) / 2), parsed.Samples[^1].Time);
        Assert.Equal((0, perActivity / 4), (parsed.Sessions[0].FirstSampleIndex, parsed.Sessions[0].SampleCount));
        Assert.Equal((perActivity / 4, perActivity / 4), (parsed.Sessions[1].FirstSampleIndex, parsed.Sessions[1].SampleCount));
        Assert.Equal(Start.AddSeconds(perActivity / 2), parsed.Samples[parsed.Sessions[1].FirstSampleIndex].Time);
        Assert.Equal([0, (perActivity + (perActivity / 2)) / 4], parsed.SegmentStartIndices);
    }
}
