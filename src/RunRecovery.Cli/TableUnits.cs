using System.CommandLine;
using System.Globalization;

namespace RunRecovery.Cli;

/// <summary>
/// Units of the human-readable tables (`--units metric|imperial`, like the dashboard's profile setting). The JSON
/// output (--json, a public contract) always stays SI.
/// </summary>
public sealed record TableUnits(bool Imperial)
{
    public const double MetersPerMile = 1609.344; // international mile, exact
    public const double MetersPerFoot = 0.3048; // international foot, exact

    public static TableUnits Metric { get; } = new(false);

    public string DistanceUnit => Imperial ? "mi" : "km";

    public string HeightUnit => Imperial ? "ft" : "m";

    public string Distance(double meters, string format) =>
        (meters / (Imperial ? MetersPerMile : 1000)).ToString(format, CultureInfo.InvariantCulture);

    public string Height(double meters) =>
        (Imperial ? meters / MetersPerFoot : meters).ToString("0", CultureInfo.InvariantCulture);

    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--units")
        {
            Description = "Units of the tables: metric (km, m; the default) or imperial (miles, feet). JSON stays SI.",
            DefaultValueFactory = _ => "metric",
        };
        option.AcceptOnlyFromAmong("metric", "imperial");
        return option;
    }

    public static TableUnits From(string? value) => new(string.Equals(value, "imperial", StringComparison.Ordinal));
}
