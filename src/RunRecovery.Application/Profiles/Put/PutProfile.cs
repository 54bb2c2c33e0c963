using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Profiles.Put;

/// <summary>The whole profile (PUT semantics: a field left out returns to its default).</summary>
public sealed record PutProfile(
    int? BirthYear,
    Sex? Sex,
    int? MaxHeartRateBpm,
    int? RestingHeartRateBpm,
    ExperienceLevel? Experience,
    double? WeeklyDistanceKm,
    IReadOnlyList<MassageTool>? Tools,
    MassageWindow? MassageWindow,
    string? TimeZone,
    string? WebhookUrl,
    UnitSystem? Units = null) : ICommand<RunnerProfileView>
{
    public Guid RunnerId { get; init; }
}

/// <summary>Saves the profile and rescores the runner (thresholds, tools and window change the plan).</summary>
public sealed class PutProfileHandler(RunRecoveryDb db, ScoringRequests scoring, TimeProvider clock, IOptions<WebhookOptions> webhooks)
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

        settings.BirthYear = command.BirthYear;
        settings.Sex = command.Sex ?? Sex.Unknown;
        settings.MaxHeartRateBpm = command.MaxHeartRateBpm;
        settings.RestingHeartRateBpm = command.RestingHeartRateBpm;
        settings.Experience = command.Experience ?? ExperienceLevel.Intermediate;
        settings.WeeklyDistanceKm = command.WeeklyDistanceKm;
        settings.Tools = [.. (command.Tools ?? []).Distinct()];
        settings.MassageWindowStart = command.MassageWindow?.Start;
        settings.MassageWindowEnd = command.MassageWindow?.End;
        settings.WebhookUrl = string.IsNullOrWhiteSpace(command.WebhookUrl) ? null : command.WebhookUrl.Trim();
        settings.WebhookSecret = settings.WebhookUrl is null ? settings.WebhookSecret : settings.WebhookSecret ?? WebhookSignature.NewSecret();
        settings.Units = command.Units ?? UnitSystem.Metric;
        settings.UpdatedAt = clock.GetUtcNow();
        if (command.TimeZone is { Length: > 0 } zone)
        {
            runner.ChangeTimeZone(zone.Trim());
        }

        await scoring.SaveAndRequestAsync(command.RunnerId, null, cancellationToken);
        return RunnerProfileView.From(settings, runner.TimeZone);
    }

    private async Task ValidateAsync(PutProfile command, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        int year = clock.GetUtcNow().Year;
        if (command.BirthYear is { } birth && (birth < year - 110 || birth > year - 5))
        {
            errors["birthYear"] = [$"Give a birth year from {year - 110} to {year - 5}."];
        }

        if (command.MaxHeartRateBpm is { } max && max is < 100 or > 240)
        {
            errors["maxHeartRateBpm"] = ["Give a maximum heart rate from 100 to 240 bpm."];
        }

        if (command.RestingHeartRateBpm is { } rest && (rest is < 25 or > 120 || rest >= (command.MaxHeartRateBpm ?? 240)))
        {
            errors["restingHeartRateBpm"] = ["Give a resting heart rate from 25 to 120 bpm, below the maximum."];
        }

        if (command.WeeklyDistanceKm is { } weekly && (weekly < 0 || weekly > 500 || double.IsNaN(weekly)))
        {
            errors["weeklyDistanceKm"] = ["Give a weekly distance from 0 to 500 km."];
        }

        if (command.MassageWindow is { } window && window.End <= window.Start)
        {
            errors["massageWindow"] = ["The window must end after it starts, on the same day."];
        }

        if (command.TimeZone is { Length: > 0 } zone
            && (zone.Length > RunnerRules.MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out TimeZoneInfo? found) || !found.HasIanaId))
        {
            errors["timeZone"] = ["Give an IANA time zone id such as Europe/Berlin."];
        }

        if (!string.IsNullOrWhiteSpace(command.WebhookUrl)
            && (command.WebhookUrl.Length > 2000 ? "The URL is too long." : await WebhookUrlRules.CheckAsync(command.WebhookUrl.Trim(), webhooks.Value, cancellationToken)) is { } problem)
        {
            errors["webhookUrl"] = [problem];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
