using Hangfire;
using RunRecovery.Application.Imports;
using RunRecovery.Application.Imports.Run;

namespace RunRecovery.Api.Hosting;

/// <summary>The clubs area's services: import settings and the entry writer, and the stalled-import sweeper.</summary>
internal static class ClubsComposition
{
    public static void AddClubs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection(ImportOptions.Section));
        services.AddScoped<ImportEntryWriter>();
        services.AddScoped<ImportFinisher>();
    }

    public static void AddClubsRecurringJobs(IServiceProvider services) =>
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ResumeStalledImportsJob>(
            ResumeStalledImportsJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
}
