using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RunRecovery.Application.Clubs.Claim;
using RunRecovery.Application.Clubs.Create;
using RunRecovery.Application.Clubs.Get;
using RunRecovery.Application.Clubs.Invites;
using RunRecovery.Application.Clubs.Join;
using RunRecovery.Application.Clubs.Leave;
using RunRecovery.Application.Clubs.Managed;
using RunRecovery.Application.Clubs.Members;
using RunRecovery.Application.Imports;

namespace RunRecovery.Application.Clubs;

/// <summary>Maps the clubs area (clubs, invites, members, managed runners, imports) under <c>/api/clubs</c>.</summary>
public static class ClubsEndpoints
{
    public static IEndpointRouteBuilder MapClubsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder clubs = app.MapGroup("/api/clubs").WithTags("Clubs").RequireAuthorization();
        CreateClubEndpoint.Map(clubs);
        GetClubEndpoint.Map(clubs);
        CreateInviteEndpoint.Map(clubs);
        JoinClubEndpoint.Map(clubs);
        LeaveClubEndpoint.Map(clubs);
        AddManagedRunnerEndpoint.Map(clubs);
        ClaimManagedRunnerEndpoint.Map(clubs);
        ListClubMembersEndpoint.Map(clubs);
        ImportsEndpoints.Map(clubs);
        return app;
    }
}
