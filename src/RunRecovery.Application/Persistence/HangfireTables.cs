namespace RunRecovery.Application.Persistence;

/// <summary>
/// Where Hangfire.PostgreSql keeps its jobs: the schema the host gives the storage (and the tests install into the
/// template database), and the tables the runner erasure searches and deletes from. The one place these names are written.
/// </summary>
public static class HangfireTables
{
    public const string Schema = "hangfire";

    public const string Job = Schema + ".job";

    public const string State = Schema + ".state";

    public const string JobParameter = Schema + ".jobparameter";

    public const string JobQueue = Schema + ".jobqueue";

    public const string Set = Schema + ".set";

    public const string List = Schema + ".list";
}
