using Npgsql;

namespace RunRecovery.Api.Tests.Runners;

/// <summary>
/// Searches every row of every table of every schema in a database (pg_class: ordinary and partitioned tables,
/// minus PostgreSQL's own catalogs) for a string in the row's text form, where bytea renders as hex and json,
/// arrays and uuids as their text.
/// </summary>
internal static class DatabaseTrace
{
    /// <summary>"schema.table" → rows containing the needle (case-insensitive), for tables with at least one hit.</summary>
    public static async Task<Dictionary<string, long>> FindAsync(string connectionString, string needle, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        List<(string Schema, string Table)> tables = await TablesAsync(connection, cancellationToken);
        Assert.Contains(tables, t => t is { Schema: "runrecovery", Table: "activity_contents" });
        Assert.Contains(tables, t => t is { Schema: "hangfire", Table: "job" });

        var hits = new Dictionary<string, long>();
        foreach ((string schema, string table) in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) FROM \"{schema}\".\"{table}\" x WHERE x::text ILIKE '%' || @needle || '%'", connection);
            command.Parameters.AddWithValue("needle", needle);
            long count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (count > 0)
            {
                hits[$"{schema}.{table}"] = count;
            }
        }

        return hits;
    }

    public static async Task<List<(string Schema, string Table)>> TablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY 1, 2
            """,
            connection);
        var tables = new List<(string, string)>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add((reader.GetString(0), reader.GetString(1)));
        }

        return tables;
    }
}
