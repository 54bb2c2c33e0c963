using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Dashboard;

/// <summary>
/// Where the Data Protection key ring lives, so a dashboard session (and its antiforgery token) survives a restart
/// and is accepted by every API process: the database (table <c>data_protection_keys</c>, the default), or the folder
/// named by <c>RunRecovery:DataProtection:KeysFolder</c>. Without either, ASP.NET Core would keep the ring in the
/// process's home folder (lost with a container) or only in memory.
/// </summary>
internal static class DashboardKeys
{
    public const string ApplicationName = "RunRecovery";

    public const string FolderSetting = "RunRecovery:DataProtection:KeysFolder";

    public static void AddPersistedDataProtection(this IServiceCollection services)
    {
        // One application name everywhere: by default it is derived from the content root, which differs between
        // installs, and a ring is only shared by processes with the same name.
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, IConfiguration>((options, provider, configuration) =>
        {
            ILoggerFactory logs = provider.GetRequiredService<ILoggerFactory>();
            options.XmlRepository = configuration[FolderSetting] is { Length: > 0 } folder
                ? new FileSystemXmlRepository(Directory.CreateDirectory(folder), logs)
                : new EntityFrameworkCoreXmlRepository<RunRecoveryDb>(provider, logs);
        });
    }
}
