using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.HttpOverrides;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Api.Security;

/// <summary>When plain http requests are redirected to https (setting <c>RunRecovery:Https:Redirect</c>).</summary>
public enum HttpsRedirect
{
    /// <summary>
    /// The default: redirect, and send HSTS on https, for requests from other machines — but only when this host can
    /// actually be reached over https (it listens on an https address, or trusted proxies are configured, which
    /// terminate TLS). Loopback requests (local development, the tests) are never redirected.
    /// </summary>
    Auto,

    /// <summary>Every http request except /health/* is redirected; HSTS on every https response.</summary>
    Always,

    /// <summary>No redirect and no HSTS (a proxy in front does both).</summary>
    Off,
}

/// <summary>Settings under <c>RunRecovery:Https</c> and <c>RunRecovery:ForwardedHeaders</c> (README, docs/security.md).</summary>
public sealed class TransportSecurityOptions
{
    public HttpsRedirect Redirect { get; set; } = HttpsRedirect.Auto;

    /// <summary>The port redirects point at; 443 (none in the URL) unless set. Behind a proxy, the proxy's https port.</summary>
    public int? Port { get; set; }

    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>
    /// Proxies (IP addresses) whose X-Forwarded-For, -Proto and -Host are believed. None: the headers are not believed,
    /// and a request carrying them counts as relayed by an unknown proxy (<see cref="RequestOrigin"/>): never loopback.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) whose forwarded headers are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool TrustsProxies => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>
/// Forwarded headers from configured proxies only, security headers, HSTS and the https redirect, first in the
/// pipeline so that every later decision (the redirect, HSTS, the Hangfire dashboard's loopback rule, rate limits,
/// the session cookie's Secure flag) sees the real client address and scheme. A request relayed by a proxy that is
/// not listed keeps its connection's address but is never a loopback client (<see cref="RequestOrigin"/>).
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new TransportSecurityOptions
        {
            KnownProxies = configuration.GetSection("RunRecovery:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [],
            KnownNetworks = configuration.GetSection("RunRecovery:ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [],
        };
        configuration.GetSection("RunRecovery:Https").Bind(options);
        services.AddSingleton(options);

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only what is configured: by default ASP.NET Core would trust loopback, which any local process can use.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (string proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (string network in options.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(options.HstsMaxAgeDays);
            hsts.IncludeSubDomains = false;
        });
        return services;
    }

    public static void UseTransportSecurity(this WebApplication app)
    {
        TransportSecurityOptions options = app.Services.GetRequiredService<TransportSecurityOptions>();
        if (options.TrustsProxies)
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        if (options.Redirect == HttpsRedirect.Off)
        {
            return;
        }

        var https = new Lazy<bool>(() => options.TrustsProxies || ListensOnHttps(app));
        app.UseWhen(context => Applies(options.Redirect, context, https), branch => branch.UseHsts());
        app.Use(async (context, next) =>
        {
            HttpRequest request = context.Request;
            if (!request.IsHttps && !request.Path.StartsWithSegments("/health") && Applies(options.Redirect, context, https))
            {
                int port = options.Port ?? 443;
                HostString host = port == 443 ? new HostString(request.Host.Host) : new HostString(request.Host.Host, port);

                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = UriHelper.BuildAbsolute("https", host, request.PathBase, request.Path, request.QueryString);
                return;
            }

            await next(context);
        });
    }

    /// <summary>
    /// Once listening: a warning when the host serves plain http to other machines with no proxy configured to add TLS
    /// (a LAN install, docker compose as shipped). It works — the session cookie follows the scheme — but keys and
    /// sessions cross the network unencrypted, and whoever runs it should know.
    /// </summary>
    public static void WarnIfPlainHttpToNetwork(WebApplication app)
    {
        if (app.Services.GetRequiredService<TransportSecurityOptions>().TrustsProxies)
        {
            return;
        }

        string[] open = [.. app.Urls.Where(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !LoopbackOnly(url))];
        if (open.Length > 0)
        {
            app.Logger.LogWarning(
                "Serving plain http to the network on {Urls}: API keys, recovery codes and dashboard sessions cross it unencrypted. "
                + "Fine on a trusted home network; anywhere else put a TLS proxy in front (docs/security.md, \"Behind a TLS proxy\").",
                string.Join(", ", open));
        }
    }

    /// <summary>Whether redirect and HSTS apply to this request (see <see cref="HttpsRedirect"/>).</summary>
    public static bool Applies(HttpsRedirect mode, HttpContext context, Lazy<bool> httpsAvailable) => mode switch
    {
        HttpsRedirect.Always => true,
        HttpsRedirect.Auto => !RequestOrigin.IsLoopbackClient(context) && httpsAvailable.Value,
        _ => false,
    };

    private static bool LoopbackOnly(string url)
    {
        string host = BindingAddress.Parse(url).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
    }

    private static bool ListensOnHttps(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Any(address => address.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) == true;
}
