namespace RunRecovery.Scoring.Metrics;

/// <summary>
/// Elevation gain and loss from a sequence of altitudes (docs/metrics.md, "Elevation").
/// <see cref="Hysteresis"/> keeps only turning points whose swing exceeds the threshold, as Runalyze's
/// threshold method (ε = 3 m) does, and counts each kept climb in full from valley to peak, so a clean 50 m hill
/// gives 50 m (GoldenCheetah's moving-reference variant loses up to the threshold at each top).
/// </summary>
public static class Elevation
{
    public static (double Ascent, double Descent) Hysteresis(IEnumerable<double> altitudes, double threshold)
    {
        ArgumentNullException.ThrowIfNull(altitudes);
        double ascent = 0, descent = 0;
        int direction = 0; // 0 undetermined, +1 climbing, −1 descending
        double lo = 0, hi = 0, basis = 0, extreme = 0;
        bool first = true;
        foreach (double a in altitudes)
        {
            if (first)
            {
                lo = hi = a;
                first = false;
                continue;
            }

            switch (direction)
            {
                case 0:
                    if (a > hi)
                    {
                        hi = a;
                        if (hi - lo > threshold)
                        {
                            direction = 1;
                            basis = lo;
                            extreme = hi;
                        }
                    }
                    else if (a < lo)
                    {
                        lo = a;
                        if (hi - lo > threshold)
                        {
                            direction = -1;
                            basis = hi;
                            extreme = lo;
                        }
                    }

                    break;
                case 1:
                    if (a > extreme)
                    {
                        extreme = a;
                    }
                    else if (extreme - a > threshold)
                    {
                        ascent += extreme - basis;
                        basis = extreme;
                        extreme = a;
                        direction = -1;
                    }

                    break;
                default:
                    if (a < extreme)
                    {
                        extreme = a;
                    }
                    else if (a - extreme > threshold)
                    {
                        descent += basis - extreme;
                        basis = extreme;
                        extreme = a;
                        direction = 1;
                    }

                    break;
            }
        }

        if (direction == 1)
        {
            ascent += extreme - basis;
        }
        else if (direction == -1)
        {
            descent += basis - extreme;
        }

        return (ascent, descent);
    }

    /// <summary>Every rise and every fall between consecutive altitudes, unsmoothed.</summary>
    public static (double Ascent, double Descent) Raw(IEnumerable<double> altitudes)
    {
        ArgumentNullException.ThrowIfNull(altitudes);
        double ascent = 0, descent = 0;
        double? previous = null;
        foreach (double a in altitudes)
        {
            if (previous is { } p)
            {
                if (a > p)
                {
                    ascent += a - p;
                }
                else
                {
                    descent += p - a;
                }
            }

            previous = a;
        }

        return (ascent, descent);
    }
}
