namespace RunRecovery.Scoring.Load;

/// <summary>
/// Acute/chronic EWMA, ratio, form, monotony and strain (docs/recovery-model.md §4).
/// EWMA form: X_t = X_{t−1} + λ·(L_t − X_{t−1}) with λ = 1 − e^(−1/N) (GoldenCheetah, intervals.icu; research §1.9).
/// </summary>
public static class LoadSeries
{
    /// <summary>Acute time constant: 7 days (PMC ATL, research §1.3, §1.4).</summary>
    public const double AcuteDays = 7;

    /// <summary>Chronic time constant: 42 days (PMC CTL, research §1.3, §1.4).</summary>
    public const double ChronicDays = 42;

    /// <summary>No ratio below this chronic load (TRIMP/day); Runalyze uses a similar CTL &lt; 15 guard (research §1.5).
    /// Our assumption, §4.</summary>
    public const double MinChronicForRatio = 10;

    /// <summary>Foster monotony cap when the SD is zero, as Runalyze does (research §1.5).</summary>
    public const double MaxMonotony = 10;

    /// <summary>TRIMP per km of easy running used to seed the series from the profile's weekly distance:
    /// one hour at x = 0.65 (male weighting) is 86.9 TRIMP, at 10 km/h that is 8.7 per km ([C], §4.3).</summary>
    public const double SeedTrimpPerKm = 8.7;

    /// <summary>Days of history before a ratio, "overreaching" or a ratio-driven rest is shown: four weeks, the shortest
    /// honest wait for a week-against-four-weeks view (TrainingPeaks warns that seeded values need data before they
    /// can be read; research baselines-and-red-flags §1). docs/recovery-model.md §4.3.</summary>
    public const int BaselineDays = 28;

    public static double Lambda(double timeConstantDays) => 1 - Math.Exp(-1 / timeConstantDays);

    public static readonly double AcuteLambda = Lambda(AcuteDays);

    public static readonly double ChronicLambda = Lambda(ChronicDays);

    public static double Ewma(double previous, double load, double lambda) => previous + (lambda * (load - previous));

    /// <summary>Acute and chronic value on the day before the first activity.</summary>
    public static double SeedDailyLoad(double? weeklyDistanceKm) => Math.Max(0, weeklyDistanceKm ?? 0) * SeedTrimpPerKm / 7;

    public static double? Ratio(double acute, double chronic) => chronic >= MinChronicForRatio ? acute / chronic : null;

    /// <summary>The ratio shown for a day: none before <see cref="BaselineDays"/> days of history.</summary>
    public static double? Ratio(double acute, double chronic, int historyDays) =>
        historyDays >= BaselineDays ? Ratio(acute, chronic) : null;

    /// <summary>
    /// The starting acute and chronic value (docs/recovery-model.md §4.3): the mean daily load of the first
    /// <see cref="BaselineDays"/> days of history when the history reaches that far, else the profile's weekly
    /// distance, else 0 (and the series says "building your baseline" until 28 days exist).
    /// </summary>
    public static double Seed(ReadOnlySpan<LoadTrace> activities, double? weeklyDistanceKm)
    {
        if (activities.Length > 0 && activities[^1].LocalDate.DayNumber - activities[0].LocalDate.DayNumber + 1 >= BaselineDays)
        {
            DateOnly end = activities[0].LocalDate.AddDays(BaselineDays);
            double sum = 0;
            for (int i = 0; i < activities.Length && activities[i].LocalDate < end; i++)
            {
                sum += activities[i].CardioLoad;
            }

            return sum / BaselineDays;
        }

        return SeedDailyLoad(weeklyDistanceKm);
    }

    /// <summary>
    /// Fills days[from..] from their <see cref="DayLoad.Load"/> and the day before (or the seed when from is 0).
    /// The 7-day window for monotony counts days before the series as load 0.
    /// </summary>
    public static void Fill(Span<DayLoad> days, int from, double seed)
    {
        double acute = from > 0 ? days[from - 1].Acute : seed;
        double chronic = from > 0 ? days[from - 1].Chronic : seed;
        int history = from > 0 ? days[from - 1].HistoryDays : 0;
        for (int i = from; i < days.Length; i++)
        {
            double load = days[i].Load;
            acute = Ewma(acute, load, AcuteLambda);
            chronic = Ewma(chronic, load, ChronicLambda);
            history++;
            (double monotony, double strain) = Foster(days, i);
            days[i] = days[i] with
            {
                Acute = acute,
                Chronic = chronic,
                Ratio = Ratio(acute, chronic, history),
                Form = chronic - acute,
                Monotony = monotony,
                Strain = strain,
                HistoryDays = history,
                WeekLoad = Sum(days, i, 7),
                FourWeekLoad = Sum(days, i, BaselineDays),
            };
        }
    }

    /// <summary>Sum of the daily loads of the <paramref name="count"/> days ending at <paramref name="i"/>; days before
    /// the span count as 0 (callers keep at least 28 days before the days they fill).</summary>
    private static double Sum(ReadOnlySpan<DayLoad> days, int i, int count)
    {
        double sum = 0;
        for (int j = Math.Max(0, i - count + 1); j <= i; j++)
        {
            sum += days[j].Load;
        }

        return sum;
    }

    /// <summary>Foster 1998: monotony = mean / SD (population SD) of the 7 daily loads ending at day i; strain = sum × monotony.</summary>
    public static (double Monotony, double Strain) Foster(ReadOnlySpan<DayLoad> days, int i)
    {
        Span<double> week = stackalloc double[7];
        for (int k = 0; k < 7; k++)
        {
            int j = i - 6 + k;
            week[k] = j >= 0 ? days[j].Load : 0;
        }

        return Foster(week);
    }

    public static (double Monotony, double Strain) Foster(ReadOnlySpan<double> week)
    {
        double sum = 0;
        foreach (double l in week)
        {
            sum += l;
        }

        double mean = sum / week.Length;
        double variance = 0;
        foreach (double l in week)
        {
            variance += (l - mean) * (l - mean);
        }

        double sd = Math.Sqrt(variance / week.Length);
        double monotony = mean <= 0 ? 0 : sd <= 1e-9 ? MaxMonotony : Math.Min(MaxMonotony, mean / sd);
        return (monotony, sum * monotony);
    }

    /// <summary>The day after <paramref name="day"/> with no training.</summary>
    /// <param name="droppedFromWeek">The load of the day that leaves the 7-day window.</param>
    /// <param name="droppedFromFourWeeks">The load of the day that leaves the 28-day window.</param>
    public static DayLoad RestDayAfter(DayLoad day, ReadOnlySpan<double> previousSixLoads, double droppedFromWeek = 0, double droppedFromFourWeeks = 0)
    {
        double acute = Ewma(day.Acute, 0, AcuteLambda);
        double chronic = Ewma(day.Chronic, 0, ChronicLambda);
        Span<double> week = stackalloc double[7];
        previousSixLoads.CopyTo(week);
        week[6] = 0;
        (double monotony, double strain) = Foster(week);
        int history = day.HistoryDays + 1;
        return new DayLoad(day.Date.AddDays(1), 0, acute, chronic, Ratio(acute, chronic, history), chronic - acute, monotony, strain)
        {
            HistoryDays = history,
            WeekLoad = Math.Max(0, day.WeekLoad - droppedFromWeek),
            FourWeekLoad = Math.Max(0, day.FourWeekLoad - droppedFromFourWeeks),
        };
    }
}
