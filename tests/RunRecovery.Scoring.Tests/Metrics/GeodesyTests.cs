using RunRecovery.Scoring.Metrics;
using Xunit;

namespace RunRecovery.Scoring.Tests.Metrics;

public sealed class GeodesyTests
{
    [Fact]
    public void Vincenty_reproduces_his_published_flinders_peak_to_buninyong_example()
    {
        // Vincenty (1975) / Geoscience Australia worked example: 54 972.271 m.
        double lat1 = -(37 + (57 / 60.0) + (3.72030 / 3600)), lon1 = 144 + (25 / 60.0) + (29.52440 / 3600);
        double lat2 = -(37 + (39 / 60.0) + (10.15610 / 3600)), lon2 = 143 + (55 / 60.0) + (35.38390 / 3600);

        Assert.Equal(54_972.271, Geodesy.Distance(lat1, lon1, lat2, lon2), 0.001);
    }

    [Fact]
    public void Direct_and_inverse_formulas_agree_over_long_lines()
    {
        foreach ((double lat, double bearing, double metres) in new[] { (0.0, 30.0, 500_000.0), (45, 135, 1_000_000), (-60, 270, 250_000), (70, 10, 2_000_000) })
        {
            (double lat2, double lon2) = Geodesy.Destination(lat, 20, bearing, metres);
            Assert.Equal(metres, Geodesy.Vincenty(lat, 20, lat2, lon2)!.Value, 0.001);
        }
    }

    [Fact]
    public void The_short_segment_formula_is_exact_to_a_millionth()
    {
        var random = new Random(1);
        for (int i = 0; i < 2000; i++)
        {
            double lat = (random.NextDouble() * 160) - 80;
            double lon = (random.NextDouble() * 360) - 180;
            double metres = 0.5 + (random.NextDouble() * 900);
            (double lat2, double lon2) = Geodesy.Destination(lat, lon, random.NextDouble() * 360, metres);

            double local = Geodesy.Local(lat, lat2 - lat, ((lon2 - lon + 540) % 360) - 180);
            double vincenty = Geodesy.Vincenty(lat, lon, lat2, lon2)!.Value;

            // Against the length the point was placed at; Vincenty's inverse itself loses a few micrometres on
            // metre-long lines (cancellation), which is why it is not the reference here.
            Assert.True(Math.Abs(local - metres) / metres < 1e-6, $"{lat},{lon} {metres} m: {local}");
            Assert.True(Math.Abs(vincenty - metres) < 1e-4, $"{lat},{lon} {metres} m: Vincenty {vincenty}");
        }
    }

    [Fact]
    public void Crossing_the_antimeridian_is_a_short_step()
    {
        Assert.InRange(Geodesy.Distance(0, 179.9999, 0, -179.9999), 22.2, 22.3);
    }
}
