using RunRecovery.Application.Activities.Delete;
using RunRecovery.Application.Activities.Export;
using RunRecovery.Application.Activities.Get;
using RunRecovery.Application.Activities.GetFile;
using RunRecovery.Application.Activities.List;
using RunRecovery.Application.Activities.Patch;
using RunRecovery.Application.Activities.Samples;
using RunRecovery.Application.Activities.Splits;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Checkins.Create;
using RunRecovery.Application.Checkins.List;
using RunRecovery.Application.Clubs.Claim;
using RunRecovery.Application.Clubs.Create;
using RunRecovery.Application.Clubs.Get;
using RunRecovery.Application.Clubs.Invites;
using RunRecovery.Application.Clubs.Join;
using RunRecovery.Application.Clubs.Leave;
using RunRecovery.Application.Clubs.Managed;
using RunRecovery.Application.Clubs.Members;
using RunRecovery.Application.Dashboard;
using RunRecovery.Application.Imports;
using RunRecovery.Application.LoadSeries;
using RunRecovery.Application.Profiles.Get;
using RunRecovery.Application.Profiles.Patch;
using RunRecovery.Application.Profiles.Put;
using RunRecovery.Application.RecommendationQueue.Act;
using RunRecovery.Application.RecommendationQueue.List;
using RunRecovery.Application.Runners.Create;
using RunRecovery.Application.Runners.Delete;
using RunRecovery.Application.Runners.Export;
using RunRecovery.Application.Runners.GetCurrent;
using RunRecovery.Application.Runners.Recover;
using RunRecovery.Application.Runners.RecoveryCodes;
using RunRecovery.Application.Runners.RotateKey;

namespace RunRecovery.Application;

/// <summary>Every route the application answers: the runner API and the clubs area under <c>/api</c>, and the dashboard's own.</summary>
public static class ApplicationEndpoints
{
    public static IEndpointRouteBuilder MapApplication(this IEndpointRouteBuilder app)
    {
        Contracts.SchemasEndpoint.Map(app);
        RouteGroupBuilder runners = app.MapGroup("/api/runners").WithTags("Runners");
        CreateRunnerEndpoint.Map(runners);
        GetCurrentRunnerEndpoint.Map(runners);
        RotateApiKeyEndpoint.Map(runners);
        RecoverAccountEndpoint.Map(runners);
        IssueRecoveryCodeEndpoint.Map(runners);
        GetProfileEndpoint.Map(runners);
        PutProfileEndpoint.Map(runners);
        PatchProfileEndpoint.Map(runners);
        CreateCheckinEndpoint.Map(runners);
        ListCheckinsEndpoint.Map(runners);
        ListRecommendationsEndpoint.Map(runners);
        ActOnRecommendationEndpoints.Map(runners);
        GetLoadEndpoint.Map(runners);
        ExportRunnerDataEndpoint.Map(runners);
        DeleteRunnerEndpoint.Map(runners);

        RouteGroupBuilder activities = app.MapGroup("/api/activities").WithTags("Activities");
        UploadActivitiesEndpoint.Map(activities);
        ListActivitiesEndpoint.Map(activities);
        GetActivityEndpoint.Map(activities);
        PatchActivityEndpoint.Map(activities);
        GetActivityFileEndpoint.Map(activities);
        ExportActivityEndpoint.Map(activities);
        GetActivitySamplesEndpoint.Map(activities);
        GetActivitySplitsEndpoint.Map(activities);
        DeleteActivityEndpoint.Map(activities);

        // The clubs area (clubs, invites, members, managed runners, imports): members only.
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

        DashboardEndpoints.Map(app);
        return app;
    }
}
