using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Application.RecommendationQueue.Act;

/// <param name="Outcome">done or dismissed.</param>
public sealed record ActOnRecommendation(Guid RunnerId, Guid RecommendationId, string Outcome, string? Reason) : ICommand<RecommendationView>;

/// <summary>
/// Marks a recommendation done or dismissed (feedback the planner learns from) and rescores the runner.
/// Repeating the same action is harmless; changing a done one to dismissed (or back) is a 409.
/// </summary>
public sealed class ActOnRecommendationHandler(RunRecoveryDb db, ScoringQueue scoring, TimeProvider clock)
    : ICommandHandler<ActOnRecommendation, RecommendationView>
{
    public const int MaxReasonLength = 1000;

    public async ValueTask<RecommendationView> Handle(ActOnRecommendation command, CancellationToken cancellationToken)
    {
        if (command.Reason is { Length: > MaxReasonLength })
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["reason"] = [$"Keep the reason under {MaxReasonLength} characters."] });
        }

        StoredRecommendation recommendation = await db.Recommendations
            .SingleOrDefaultAsync(r => r.Id == command.RecommendationId && r.RunnerId == command.RunnerId, cancellationToken)
            ?? throw new NotFoundException($"No recommendation {command.RecommendationId}.");
        DateTimeOffset now = clock.GetUtcNow();
        if (recommendation.Status == command.Outcome)
        {
            return RecommendationView.From(recommendation, now);
        }

        if (recommendation.Status != RecommendationStatus.Open)
        {
            throw new ConflictException($"The recommendation is already {recommendation.Status}.");
        }

        recommendation.Status = command.Outcome;
        recommendation.ActedAt = now;
        recommendation.UpdatedAt = now;
        recommendation.DismissReason = command.Outcome == RecommendationStatus.Dismissed && !string.IsNullOrWhiteSpace(command.Reason)
            ? command.Reason.Trim()
            : null;
        await scoring.SaveAndRequestAsync(command.RunnerId, null, cancellationToken);
        return RecommendationView.From(recommendation, now);
    }
}
