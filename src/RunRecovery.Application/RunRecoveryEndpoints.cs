using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RunRecovery.Application.Runners.Create;
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
        return app;
    }
}
