using Microsoft.Extensions.Options;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Profiles.Put;

/// <summary>The whole profile, read under the strict contract (PUT semantics: a field left out returns to its default).</summary>
public sealed record PutProfile(RunnerProfile Profile) : ICommand<RunnerProfileView>
{
    public Guid RunnerId { get; init; }
}

/// <summary>Saves the profile and rescores the runner (thresholds, tools and window change the plan).</summary>
public sealed class PutProfileHandler(RunRecoveryDb db, ScoringQueue scoring, TimeProvider clock, IOptions<WebhookOptions> webhooks)
    : ICommandHandler<PutProfile, RunnerProfileView>
{
    public async ValueTask<RunnerProfileView> Handle(PutProfile command, CancellationToken cancellationToken)
    {
        await ValidateAsync(command, cancellationToken);
        Runner runner = await db.Runners.SingleAsync(r => r.Id == command.RunnerId, cancellationToken);
        RunnerSettings? settings = await db.RunnerSettings.SingleOrDefaultAsync(s => s.RunnerId == command.RunnerId, cancellationToken);
        if (settings is null)
        {
            settings = new RunnerSettings { RunnerId = command.RunnerId };
            db.RunnerSettings.Add(settings);
        }

        RunnerProfile profile = command.Profile;
        settings.BirthYear = profile.BirthYear;
        settings.Sex = profile.Sex;
        settings.MaxHeartRateBpm = profile.MaxHeartRateBpm;
        settings.RestingHeartRateBpm = profile.RestingHeartRateBpm;
        settings.Experience = profile.Experience;
        settings.WeeklyDistanceKm = profile.WeeklyDistanceKm;
        settings.WeightKg = profile.WeightKg;
        settings.Tools = [.. profile.Tools.Distinct()];
        settings.MassageWindowStart = profile.MassageWindow?.Start;
        settings.MassageWindowEnd = profile.MassageWindow?.End;
        settings.WakeTime = profile.WakeTime == RunnerProfile.Default.WakeTime ? null : profile.WakeTime;
        settings.BedTime = profile.BedTime == RunnerProfile.Default.BedTime ? null : profile.BedTime;
        settings.WebhookUrl = string.IsNullOrWhiteSpace(profile.WebhookUrl) ? null : profile.WebhookUrl.Trim();
        settings.WebhookSecret = settings.WebhookUrl is null ? settings.WebhookSecret : settings.WebhookSecret ?? WebhookSignature.NewSecret();
        settings.Units = profile.Units == DistanceUnits.Imperial ? UnitSystem.Imperial : UnitSystem.Metric;
        settings.UpdatedAt = clock.GetUtcNow();
        if (profile.TimeZone is { Length: > 0 } zone)
        {
            runner.ChangeTimeZone(zone.Trim());
        }

        await scoring.SaveAndRequestAsync(command.RunnerId, null, cancellationToken);
        return RunnerProfileView.From(settings, runner.TimeZone);
    }

    /// <summary>What the contract reader cannot know: an IANA id the service accepts, and a reachable public webhook URL.</summary>
    private async Task ValidateAsync(PutProfile command, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        RunnerProfile profile = command.Profile;
        if (profile.TimeZone is { Length: > 0 } zone
            && (zone.Length > RunnerRules.MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out TimeZoneInfo? found) || !found.HasIanaId))
        {
            errors["$.timeZone"] = [$"'{zone}': expected an IANA time zone id such as Europe/Berlin"];
        }

        if (!string.IsNullOrWhiteSpace(profile.WebhookUrl)
            && await WebhookUrlRules.CheckAsync(profile.WebhookUrl.Trim(), webhooks.Value, cancellationToken) is { } problem)
        {
            errors["$.webhookUrl"] = [problem];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
