using System.Runtime.CompilerServices;

namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Distances on the WGS-84 ellipsoid. Long lines use Vincenty's inverse formula (1975, iterated to 1e-12 rad,
/// sub-millimetre); segments shorter than about 1 km, which is every GPS sample step, use the local ellipsoidal
/// (mid-latitude) approximation with the meridian and prime-vertical radii of curvature, whose relative error
/// is of order (d/a)² (below 1e-7 at 1 km) and which costs one cosine and one square root. Haversine on a
/// sphere is not used: its error is up to ±0.6 % depending on latitude and heading (docs/metrics.md).
/// </summary>
public static class Geodesy
{
    /// <summary>WGS-84 semi-major axis (m).</summary>
    public const double A = 6378137.0;

    /// <summary>WGS-84 flattening.</summary>
    public const double F = 1 / 298.257223563;

    /// <summary>WGS-84 semi-minor axis (m).</summary>
    public const double B = A * (1 - F);

    private const double E2 = F * (2 - F);
    private const double DegToRad = Math.PI / 180;
    private const double ShortSegmentDegrees = 0.01;

    /// <summary>Geodesic distance in metres between two points given in degrees.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        double dLat = lat2 - lat1;
        double dLon = lon2 - lon1;
        if (dLon > 180)
        {
            dLon -= 360;
        }
        else if (dLon < -180)
        {
            dLon += 360;
        }

        if (Math.Abs(dLat) < ShortSegmentDegrees && Math.Abs(dLon) < ShortSegmentDegrees)
        {
            return Local(lat1, dLat, dLon);
        }

        return Vincenty(lat1, lon1, lat2, lon2) ?? Haversine(lat1, lon1, lat2, lon2);
    }

    /// <summary>Local ellipsoidal approximation at the mid-latitude (short segments only).</summary>
    internal static double Local(double lat1, double dLat, double dLon)
    {
        double phi = (lat1 + (dLat / 2)) * DegToRad;
        double sin = Math.Sin(phi);
        double w2 = 1 - (E2 * sin * sin);
        double w = Math.Sqrt(w2);
        double n = A / w;                    // prime-vertical radius of curvature
        double m = A * (1 - E2) / (w2 * w);  // meridian radius of curvature
        double north = m * dLat * DegToRad;
        double east = n * Math.Cos(phi) * dLon * DegToRad;
        return Math.Sqrt((north * north) + (east * east));
    }

    /// <summary>Vincenty's inverse formula; null when it does not converge (nearly antipodal points).</summary>
    public static double? Vincenty(double lat1, double lon1, double lat2, double lon2)
    {
        double l = (lon2 - lon1) * DegToRad;
        double u1 = Math.Atan((1 - F) * Math.Tan(lat1 * DegToRad));
        double u2 = Math.Atan((1 - F) * Math.Tan(lat2 * DegToRad));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        double lambda = l;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            double sinSigma = Math.Sqrt(Math.Pow(cosU2 * sinLambda, 2) + Math.Pow((cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda), 2));
            if (sinSigma == 0)
            {
                return 0; // coincident points
            }

            double cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            double sigma = Math.Atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            double cos2Alpha = 1 - (sinAlpha * sinAlpha);
            double cos2SigmaM = cos2Alpha != 0 ? cosSigma - (2 * sinU1 * sinU2 / cos2Alpha) : 0; // equatorial line
            double c = F / 16 * cos2Alpha * (4 + (F * (4 - (3 * cos2Alpha))));
            double previous = lambda;
            lambda = l + ((1 - c) * F * sinAlpha
                * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            if (Math.Abs(lambda - previous) < 1e-12)
            {
                double uSq = cos2Alpha * ((A * A) - (B * B)) / (B * B);
                double bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
                double bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));
                double deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
                    - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
                return B * bigA * (sigma - deltaSigma);
            }
        }

        return null;
    }

    /// <summary>
    /// Vincenty's direct formula: the point reached from (lat, lon) after <paramref name="distance"/> metres
    /// along the geodesic with initial <paramref name="bearingDegrees"/>. Used to build test and benchmark
    /// tracks of known length.
    /// </summary>
    public static (double Latitude, double Longitude) Destination(double lat, double lon, double bearingDegrees, double distance)
    {
        double alpha1 = bearingDegrees * DegToRad;
        double sinAlpha1 = Math.Sin(alpha1), cosAlpha1 = Math.Cos(alpha1);
        double tanU1 = (1 - F) * Math.Tan(lat * DegToRad);
        double cosU1 = 1 / Math.Sqrt(1 + (tanU1 * tanU1)), sinU1 = tanU1 * cosU1;
        double sigma1 = Math.Atan2(tanU1, cosAlpha1);
        double sinAlpha = cosU1 * sinAlpha1;
        double cos2Alpha = 1 - (sinAlpha * sinAlpha);
        double uSq = cos2Alpha * ((A * A) - (B * B)) / (B * B);
        double bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
        double bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));
        double sigma = distance / (B * bigA);
        double cos2SigmaM, sinSigma, cosSigma, previous;
        int guard = 0;
        do
        {
            cos2SigmaM = Math.Cos((2 * sigma1) + sigma);
            sinSigma = Math.Sin(sigma);
            cosSigma = Math.Cos(sigma);
            double deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
                - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
            previous = sigma;
            sigma = (distance / (B * bigA)) + deltaSigma;
        }
        while (Math.Abs(sigma - previous) > 1e-12 && ++guard < 200);

        cos2SigmaM = Math.Cos((2 * sigma1) + sigma);
        sinSigma = Math.Sin(sigma);
        cosSigma = Math.Cos(sigma);
        double x = (sinU1 * sinSigma) - (cosU1 * cosSigma * cosAlpha1);
        double lat2 = Math.Atan2((sinU1 * cosSigma) + (cosU1 * sinSigma * cosAlpha1), (1 - F) * Math.Sqrt((sinAlpha * sinAlpha) + (x * x)));
        double lambda = Math.Atan2(sinSigma * sinAlpha1, (cosU1 * cosSigma) - (sinU1 * sinSigma * cosAlpha1));
        double c = F / 16 * cos2Alpha * (4 + (F * (4 - (3 * cos2Alpha))));
        double l = lambda - ((1 - c) * F * sinAlpha
            * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
        double lon2 = (lon * DegToRad) + l;
        return (lat2 / DegToRad, (((lon2 / DegToRad) + 540) % 360) - 180);
    }

    /// <summary>Spherical haversine with the mean radius (only the fallback for nearly antipodal points).</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double MeanRadius = 6371008.8;
        double p1 = lat1 * DegToRad, p2 = lat2 * DegToRad;
        double dp = p2 - p1, dl = (lon2 - lon1) * DegToRad;
        double h = Math.Pow(Math.Sin(dp / 2), 2) + (Math.Cos(p1) * Math.Cos(p2) * Math.Pow(Math.Sin(dl / 2), 2));
        return 2 * MeanRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
