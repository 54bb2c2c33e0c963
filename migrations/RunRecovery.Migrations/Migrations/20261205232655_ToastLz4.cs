using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <summary>
    /// The large columns of an upload (the file itself, its load inputs, metrics, sessions and loads) compressed with
    /// lz4 instead of PostgreSQL's default pglz: pglz compressed a 357 KB FIT file in ~19 ms of the database's CPU
    /// against ~2 ms for lz4 (which also saved more: 18 % of FIT bytes against 15 %), and the insert of the file was
    /// the largest single cost of an upload (docs/reliability.md, "Capacity"). Only new values are written with lz4;
    /// stored values stay readable as they are. Skipped on a server without lz4 (before PostgreSQL 14, or built
    /// without it): the columns then keep pglz. No schema change in the model.
    /// </summary>
    public partial class ToastLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("lz4"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("pglz"));

        /// <summary>A DO block (valid alone and inside the idempotent script's own blocks) that sets the method when lz4 exists.</summary>
        internal static string Compression(string method) =>
            $"""
            DO $lz4$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                    ALTER TABLE runrecovery.activity_contents ALTER COLUMN content SET COMPRESSION {method};
                    ALTER TABLE runrecovery.activities ALTER COLUMN load_inputs SET COMPRESSION {method};
                    ALTER TABLE runrecovery.activities ALTER COLUMN metrics SET COMPRESSION {method};
                    ALTER TABLE runrecovery.activities ALTER COLUMN sessions SET COMPRESSION {method};
                    ALTER TABLE runrecovery.activities ALTER COLUMN loads SET COMPRESSION {method};
                END IF;
            END $lz4$;
            """;
    }
}
