namespace RunRecovery.Api.Tests.Authorization;

/// <summary>The callers of the access matrix, in the order of its columns.</summary>
public enum Caller
{
    /// <summary>No Authorization header, no cookie.</summary>
    Anonymous,

    /// <summary>Runner A, who owns every resource in the paths (activity, recommendation, check-in) and is a member of club C.</summary>
    RunnerA,

    /// <summary>Another runner, in no club.</summary>
    RunnerB,

    /// <summary>A different runner who administers club C, the club A is a member of.</summary>
    ClubAdmin,

    /// <summary>The admin of club D, a club A is not in.</summary>
    OtherAdmin,

    /// <summary>A's previous key, revoked by A's POST /api/runners/me/keys.</summary>
    RevokedKey,
}

/// <summary>
/// Who may do what: one line per endpoint of the host, the expected status for each caller. Paths name A's resources:
/// A's activity, A's recommendation, A's club C and an import of club C. The same table is in docs/security.md
/// (section "Access control"); <see cref="AccessMatrixTests"/> enumerates the running host's endpoints and fails when
/// one has no line here, or a line names an endpoint that does not exist.
/// </summary>
public static class AccessMatrix
{
    /// <summary>Routed endpoints: method (* = any) and route pattern exactly as the host's EndpointDataSource has them.</summary>
    public static readonly string[] Endpoints =
    [
        // method route                                                   anon   A      B      admin  other  revoked
        "*      /health/live                                              200    200    200    200    200    200",
        "*      /health/ready                                             200    200    200    200    200    200",
        "GET    /openapi/{documentName}.json                              200    200    200    200    200    200",
        "GET    /docs/{documentName?}                                     200    200    200    200    200    200",
        "GET    /docs/scalar.js                                           200    200    200    200    200    200",
        "GET    /docs/scalar.aspnetcore.js                                200    200    200    200    200    200",
        "GET    /docs/favicon.svg                                         200    200    200    200    200    200",
        "GET    /dashboard/session                                        200    200    200    200    200    200",
        "GET    /api/schemas/{name}                                       200    200    200    200    200    200",
        "POST   /dashboard/signin                                         303    303    303    303    303    303",
        "POST   /dashboard/signout                                        303    303    303    303    303    303",
        "POST   /api/runners                                              201    201    201    201    201    201",
        "GET    /api/runners/me                                           401    200    200    200    200    401",
        "POST   /api/runners/me/keys                                      401    200    200    200    200    401",
        "POST   /api/runners/recover                                      200    200    200    200    200    200",
        "POST   /api/runners/me/recovery-code                             401    200    200    200    200    401",
        "GET    /api/runners/me/profile                                   401    200    200    200    200    401",
        "PUT    /api/runners/me/profile                                   401    200    200    200    200    401",
        "PATCH  /api/runners/me/profile                                   401    200    200    200    200    401",
        "POST   /api/runners/me/checkins                                  401    201    201    201    201    401",
        "GET    /api/runners/me/checkins                                  401    200    200    200    200    401",
        "GET    /api/runners/me/recommendations                           401    200    200    200    200    401",
        "POST   /api/runners/me/recommendations/{id:guid}/done            401    200    404    404    404    401",
        "POST   /api/runners/me/recommendations/{id:guid}/dismiss         401    200    404    404    404    401",
        "GET    /api/runners/me/load                                      401    200    200    200    200    401",
        "GET    /api/runners/me/export                                    401    200    200    200    200    401",
        "DELETE /api/runners/me                                           401    204    204    204    204    401",
        "POST   /api/activities                                           401    201    201    201    201    401",
        "GET    /api/activities                                           401    200    200    200    200    401",
        "GET    /api/activities/{id:guid}                                 401    200    404    404    404    401",
        "PATCH  /api/activities/{id:guid}                                 401    200    404    404    404    401",
        "GET    /api/activities/{id:guid}/file                            401    200    404    404    404    401",
        "GET    /api/activities/{id:guid}/export                          401    200    404    404    404    401",
        "GET    /api/activities/{id:guid}/samples                         401    200    404    404    404    401",
        "GET    /api/activities/{id:guid}/splits                          401    200    404    404    404    401",
        "DELETE /api/activities/{id:guid}                                 401    204    404    404    404    401",
        "POST   /api/clubs                                                401    201    201    201    201    401",
        "GET    /api/clubs                                                401    200    200    200    200    401",
        "GET    /api/clubs/{clubId:guid}                                  401    200    404    200    404    401",
        "POST   /api/clubs/{clubId:guid}/invites                          401    403    404    201    404    401",
        "POST   /api/clubs/join                                           401    409    200    409    200    401",
        "DELETE /api/clubs/{clubId:guid}/members/me                       401    204    404    409    404    401",
        "POST   /api/clubs/{clubId:guid}/managed-runners                  401    403    404    201    404    401",
        "POST   /api/clubs/claim                                          200    200    200    200    200    200",
        "GET    /api/clubs/{clubId:guid}/members                          401    403    404    200    404    401",
        "POST   /api/clubs/{clubId:guid}/imports                          401    403    404    202    404    401",
        "GET    /api/clubs/{clubId:guid}/imports/{importId:guid}          401    403    404    200    404    401",
        "DELETE /api/clubs/{clubId:guid}/imports/{importId:guid}          401    403    404    202    404    401",
    ];

    /// <summary>
    /// Served by middleware, not routed endpoints: every page of the dashboard (wwwroot/*.html, no data in them; the
    /// data comes from the API above) and the Hangfire dashboard (RunRecovery:HangfireDashboard, default Loopback: these
    /// requests come from 127.0.0.1; a remote client gets 401, see TransportSecurityTests).
    /// </summary>
    public static readonly string[] Middleware =
    [
        // method route                                                   anon   A      B      admin  other  revoked
        "GET    /                                                         200    200    200    200    200    200",
        "GET    /index.html                                               200    200    200    200    200    200",
        "GET    /signin.html                                              200    200    200    200    200    200",
        "GET    /activities.html                                          200    200    200    200    200    200",
        "GET    /activity.html                                            200    200    200    200    200    200",
        "GET    /checkin.html                                             200    200    200    200    200    200",
        "GET    /clubs.html                                               200    200    200    200    200    200",
        "GET    /load.html                                                200    200    200    200    200    200",
        "GET    /upload.html                                              200    200    200    200    200    200",
        "GET    /settings.html                                            200    200    200    200    200    200",
        "GET    /signup.html                                              200    200    200    200    200    200",
        "GET    /recover.html                                             200    200    200    200    200    200",
        "GET    /hangfire                                                 200    200    200    200    200    200",
    ];

    /// <summary>The order the cells of one line run in: A last, because A's own successful call may delete or revoke what the others probe.</summary>
    public static readonly Caller[] RunOrder =
        [Caller.Anonymous, Caller.RevokedKey, Caller.RunnerB, Caller.OtherAdmin, Caller.ClubAdmin, Caller.RunnerA];

    public static Row Parse(string line)
    {
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 + Enum.GetValues<Caller>().Length)
        {
            throw new FormatException($"Matrix line has {parts.Length} columns: {line}");
        }

        var expected = new Dictionary<Caller, int>();
        foreach (Caller caller in Enum.GetValues<Caller>())
        {
            expected[caller] = int.Parse(parts[2 + (int)caller], System.Globalization.CultureInfo.InvariantCulture);
        }

        return new Row(parts[0], parts[1], expected);
    }

    public sealed record Row(string Method, string Route, IReadOnlyDictionary<Caller, int> Expected)
    {
        public string Key => $"{Method} {Route}";
    }
}
