using RunRecovery.Api.Dashboard;
using RunRecovery.Application.Dashboard;

namespace RunRecovery.Api.Tests.Hosting;

/// <summary>The map's tile setting: which templates are accepted, and what the pages' CSP then allows images from.</summary>
public sealed class DashboardMapOptionsTests
{
    [Theory]
    [InlineData(DashboardMapOptions.OpenStreetMapTiles, "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}{r}.png", "https://*.tile.example.org")]
    [InlineData("http://tiles.internal:8080/osm/{z}/{x}/{y}.png", "http://tiles.internal:8080")]
    [InlineData("Off", null)]
    [InlineData("off", null)]
    [InlineData("", null)]
    public void Accepts_tile_templates_and_names_their_origin_for_the_csp(string template, string? origin)
    {
        var options = new DashboardMapOptions { TileUrl = template };

        Assert.Null(options.Problem());
        Assert.Equal(origin, options.ImageSource());
        Assert.Equal(origin is not null, options.ToView().TileUrl is not null);
    }

    [Theory]
    [InlineData("tile.openstreetmap.org/{z}/{x}/{y}.png")]          // not absolute
    [InlineData("ftp://tiles.example.org/{z}/{x}/{y}.png")]         // not http(s)
    [InlineData("https://tiles.example.org/{z}/{x}.png")]           // no {y}
    [InlineData("https://tiles.example.org/{z}/{x}/{y}.png?k={key}")] // an unknown placeholder
    [InlineData("https://a{s}.example.org/{z}/{x}/{y}.png")]        // {s} not a whole subdomain
    [InlineData("https://x.org/{z}/{x}/{y}.png; script-src *")]     // would smuggle a CSP directive
    [InlineData("https://x.org/{z}/{x}/{y}.png 'unsafe-inline'")]
    public void Refuses_what_is_not_a_tile_template(string template) =>
        Assert.NotNull(new DashboardMapOptions { TileUrl = template }.Problem());

    [Fact]
    public void Tiles_need_their_credit() =>
        Assert.Contains("Attribution", new DashboardMapOptions { Attribution = " " }.Problem(), StringComparison.Ordinal);

    [Fact]
    public void The_pages_policy_allows_images_from_the_tile_server_only_when_there_is_one()
    {
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", DashboardComposition.ContentSecurityPolicy(new DashboardMapOptions()), StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:;", DashboardComposition.ContentSecurityPolicy(new DashboardMapOptions { TileUrl = "Off" }), StringComparison.Ordinal);
    }
}
