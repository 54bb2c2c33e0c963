using RunRecovery.Formats;

namespace RunRecovery.Application.Activities;

/// <summary>The content types an upload may declare, and the one a stored file is served with.</summary>
public static class ActivityMediaTypes
{
    public const string Fit = "application/vnd.ant.fit";
    public const string Gpx = "application/gpx+xml";
    public const string Tcx = "application/vnd.garmin.tcx+xml";
    public const string Gzip = "application/gzip";
    public const string Zip = "application/zip";

    /// <summary>Raw bodies accepted by POST /api/activities (the content decides the format; these only admit it).</summary>
    public static readonly IReadOnlySet<string> Accepted = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Fit, Gpx, Tcx, Gzip, Zip, "application/x-gzip", "application/x-zip-compressed", "application/octet-stream",
    };

    public static string For(ContentKind kind) => kind switch
    {
        ContentKind.Fit => Fit,
        ContentKind.Gpx => Gpx,
        ContentKind.Tcx => Tcx,
        ContentKind.Gzip => Gzip,
        ContentKind.Zip => Zip,
        _ => "application/octet-stream",
    };
}
