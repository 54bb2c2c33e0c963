namespace RunRecovery.Migrations;

/// <summary>
/// Names for activities stored before names existed (migration ActivityEdits): the generated "Morning run" style of
/// <c>RunRecovery.Application.Activities.ActivityNames.Generated</c>, from the start in the runner's time zone (UTC
/// when PostgreSQL does not know the zone). Their files' own names (GPX trk/name) are not read here: that would mean
/// parsing every stored file inside the migration. Touches only rows without a name, so running it twice changes
/// nothing. Kept outside the generated migration so tests can run it.
/// </summary>
public static class ActivityNamesBackfill
{
    public const string Sql = """
        UPDATE runrecovery.activities AS a
        SET name = n.name
        FROM (
            SELECT x.id,
                CASE
                    WHEN x.start_utc IS NULL THEN initcap(x.word)
                    ELSE (CASE
                            WHEN x.hour BETWEEN 5 AND 11 THEN 'Morning'
                            WHEN x.hour BETWEEN 12 AND 16 THEN 'Afternoon'
                            WHEN x.hour BETWEEN 17 AND 20 THEN 'Evening'
                            ELSE 'Night' END) || ' ' || x.word
                END AS name
            FROM (
                SELECT act.id, act.start_utc,
                    extract(hour FROM act.start_utc AT TIME ZONE (CASE
                        WHEN EXISTS (SELECT 1 FROM pg_timezone_names AS t WHERE t.name = r.time_zone) THEN r.time_zone
                        ELSE 'UTC' END))::int AS hour,
                    CASE act.sport
                        WHEN 'running' THEN 'run' WHEN 'walking' THEN 'walk' WHEN 'hiking' THEN 'hike' WHEN 'cycling' THEN 'ride'
                        WHEN 'swimming' THEN 'swim' WHEN 'rowing' THEN 'row' WHEN 'multisport' THEN 'multisport'
                        ELSE 'activity' END AS word
                FROM runrecovery.activities AS act
                JOIN runrecovery.runners AS r ON r.id = act.runner_id
                WHERE act.name IS NULL) AS x
        ) AS n
        WHERE a.id = n.id
        """;
}
