namespace RunRecovery.Application.Dashboard;

/// <summary>
/// The raster tiles under the route map on the activity page (settings <c>RunRecovery:Map:*</c>). The default is
/// OpenStreetMap's own tile server, whose usage policy and attribution are in docs/dashboard.md; <c>TileUrl=Off</c>
/// draws the track alone on a plain background and the browser then fetches nothing from outside the service.
/// </summary>
public sealed class DashboardMapOptions
{
    public const string Section = "RunRecovery:Map";

    public const string Off = "Off";

    public const string OpenStreetMapTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>A Leaflet tile URL template ({z}, {x}, {y}, optionally {s} in the host and {r}), or "Off".</summary>
    public string TileUrl { get; set; } = OpenStreetMapTiles;

    /// <summary>The credit the tile provider asks for, shown in the map's corner (as text).</summary>
    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>Where the credit links to (the provider's copyright page); empty for no link.</summary>
    public string? AttributionUrl { get; set; } = "https://www.openstreetmap.org/copyright";

    public int MaxZoom { get; set; } = 19;

    public bool Enabled => !string.IsNullOrWhiteSpace(TileUrl) && !string.Equals(TileUrl.Trim(), Off, StringComparison.OrdinalIgnoreCase);

    /// <summary>What the dashboard pages are told (GET /dashboard/session): null tile URL when the map is off.</summary>
    public DashboardMap ToView() => Enabled
        ? new DashboardMap(TileUrl.Trim(), Attribution, string.IsNullOrWhiteSpace(AttributionUrl) ? null : AttributionUrl, MaxZoom)
        : new DashboardMap(null, null, null, MaxZoom);

    /// <summary>
    /// The CSP source the pages must allow images from: the template's scheme, host and port, with a "{s}"
    /// subdomain placeholder as a wildcard. Null when the map is off.
    /// </summary>
    public string? ImageSource()
    {
        if (!Enabled)
        {
            return null;
        }

        Uri uri = ParseTemplate(TileUrl.Trim(), out string host) ?? throw new InvalidOperationException(Problem());
        string port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        return $"{uri.Scheme}://{host}{port}";
    }

    /// <summary>Why the settings cannot be used, or null when they can (checked at start-up).</summary>
    public string? Problem()
    {
        if (MaxZoom is < 1 or > 22)
        {
            return $"{Section}:MaxZoom must be from 1 to 22.";
        }

        if (!Enabled)
        {
            return null;
        }

        string template = TileUrl.Trim();
        if (ParseTemplate(template, out _) is null || !template.Contains("{z}", StringComparison.Ordinal)
            || !template.Contains("{x}", StringComparison.Ordinal) || !template.Contains("{y}", StringComparison.Ordinal))
        {
            return $"{Section}:TileUrl must be an absolute http(s) URL template with {{z}}, {{x}} and {{y}} (and {{s}} only as a subdomain), or \"{Off}\"; it is \"{template}\".";
        }

        return string.IsNullOrWhiteSpace(Attribution)
            ? $"{Section}:Attribution must name the tiles' source: tile providers require the credit (OpenStreetMap's: \"© OpenStreetMap contributors\")."
            : null;
    }

    private static Uri? ParseTemplate(string template, out string host)
    {
        host = "";
        // Placeholders are not valid in a URI; swap them for plain words to parse, then put the wildcard back.
        string probe = template.Replace("{s}", "subdomain-placeholder", StringComparison.Ordinal)
            .Replace("{z}", "0", StringComparison.Ordinal).Replace("{x}", "0", StringComparison.Ordinal)
            .Replace("{y}", "0", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
        if (probe.Contains('{', StringComparison.Ordinal) || probe.Contains('}', StringComparison.Ordinal) || probe.Contains('\'', StringComparison.Ordinal)
            || probe.Contains(';', StringComparison.Ordinal) || probe.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(probe, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("https" or "http"))
        {
            return null;
        }

        host = uri.IdnHost;
        if (host.Contains("subdomain-placeholder", StringComparison.Ordinal))
        {
            if (!host.StartsWith("subdomain-placeholder.", StringComparison.Ordinal))
            {
                return null;
            }

            host = "*" + host["subdomain-placeholder".Length..];
        }

        return uri;
    }
}

/// <summary>The map settings as the dashboard pages read them; <see cref="TileUrl"/> null: draw the track alone.</summary>
public sealed record DashboardMap(string? TileUrl, string? Attribution, string? AttributionUrl, int MaxZoom);
