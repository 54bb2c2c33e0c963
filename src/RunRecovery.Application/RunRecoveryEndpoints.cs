using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RunRecovery.Application.Activities.Delete;
using RunRecovery.Application.Activities.Get;
using RunRecovery.Application.Activities.GetFile;
using RunRecovery.Application.Activities.List;
using RunRecovery.Application.Activities.Samples;
using RunRecovery.Application.Activities.Splits;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Checkins.Create;
using RunRecovery.Application.Checkins.List;
using RunRecovery.Application.Clubs;
using RunRecovery.Application.Load;
using RunRecovery.Application.Profiles.Get;
using RunRecovery.Application.Profiles.Put;
using RunRecovery.Application.Recommendations.Act;
using RunRecovery.Application.Recommendations.List;
using RunRecovery.Application.Runners.Create;
using RunRecovery.Application.Runners.Delete;
using RunRecovery.Application.Runners.Export;
using RunRecovery.Application.Runners.GetCurrent;
using RunRecovery.Application.Runners.RotateKey;

namespace RunRecovery.Application;

/// <summary>Maps every feature's endpoints under <c>/api</c>.</summary>
public static class RunRecoveryEndpoints
{
    public static IEndpointRouteBuilder MapRunRecoveryApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder runners = app.MapGroup("/api/runners").WithTags("Runners");
        CreateRunnerEndpoint.Map(runners);
        GetCurrentRunnerEndpoint.Map(runners);
        RotateApiKeyEndpoint.Map(runners);
        GetProfileEndpoint.Map(runners);
        PutProfileEndpoint.Map(runners);
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
        GetActivityFileEndpoint.Map(activities);
        GetActivitySamplesEndpoint.Map(activities);
        GetActivitySplitsEndpoint.Map(activities);
        DeleteActivityEndpoint.Map(activities);

        app.MapClubsApi();
        return app;
    }
}
