namespace RunRecovery.Application.Runners.Create;

public static class CreateRunnerEndpoint
{
    public static void Map(RouteGroupBuilder runners) =>
        runners.MapPost("/", HandleAsync)
            .AllowAnonymous()
            .WithName("CreateRunner")
            .WithSummary("Create a runner; the response carries their API key, shown this once only.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Created<CreatedRunner>> HandleAsync(
        CreateRunner request, ISender sender, CancellationToken cancellationToken)
    {
        CreatedRunner created = await sender.Send(request, cancellationToken);
        return TypedResults.Created("/api/runners/me", created);
    }
}
