using System.Net;
using Hangfire.Dashboard;

namespace RunRecovery.Api.Hosting;

/// <summary>Who may open the Hangfire dashboard at /hangfire (setting RunRecovery:HangfireDashboard).</summary>
public enum DashboardAccess
{
    /// <summary>Requests from 127.0.0.0/8 or ::1 only (the default).</summary>
    Loopback,

    /// <summary>Anyone who can reach the port. Only behind a proxy that authenticates.</summary>
    Open,

    /// <summary>No dashboard.</summary>
    Off,
}

public sealed class DashboardAccessFilter(DashboardAccess access) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => Allows(access, context.GetHttpContext().Connection.RemoteIpAddress);

    public static bool Allows(DashboardAccess access, IPAddress? remote) => access switch
    {
        DashboardAccess.Open => true,
        DashboardAccess.Loopback => remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote),
        _ => false,
    };
}
