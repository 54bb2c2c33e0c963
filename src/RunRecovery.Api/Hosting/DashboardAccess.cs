using Hangfire.Dashboard;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Api.Hosting;

/// <summary>Who may open the Hangfire dashboard at /hangfire (setting RunRecovery:HangfireDashboard).</summary>
public enum DashboardAccess
{
    /// <summary>
    /// Requests from 127.0.0.0/8 or ::1 only (the default), and not relayed by a proxy nobody listed: a request carrying
    /// X-Forwarded-For, Forwarded … from such a proxy may come from anywhere (<see cref="RequestOrigin"/>).
    /// </summary>
    Loopback,

    /// <summary>Anyone who can reach the port. Only behind a proxy that authenticates.</summary>
    Open,

    /// <summary>No dashboard.</summary>
    Off,
}

public sealed class DashboardAccessFilter(DashboardAccess access) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => Allows(access, context.GetHttpContext());

    public static bool Allows(DashboardAccess access, HttpContext context) => access switch
    {
        DashboardAccess.Open => true,
        DashboardAccess.Loopback => RequestOrigin.IsLoopbackClient(context),
        _ => false,
    };
}
