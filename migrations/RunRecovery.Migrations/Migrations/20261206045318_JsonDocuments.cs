using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <summary>
    /// The documents the service writes once per upload and always reads whole (<c>load_inputs</c>, <c>metrics</c>,
    /// <c>sessions</c>; nothing queries inside them) stored as json instead of jsonb: on insert PostgreSQL then only
    /// checks the syntax instead of converting the text into jsonb's binary form (every number into a numeric), and on
    /// read it returns the stored text instead of printing the binary form again (a recompute that rebuilds a runner's
    /// history reads every <c>load_inputs</c> as text). The text is what the service wrote, byte for byte; jsonb kept
    /// the same values. One statement, so the table is rewritten once (it holds every activity: it takes a while on a
    /// large database, under an exclusive lock); changing the type resets a column's compression, so lz4 is set again
    /// as <see cref="ToastLz4"/> does (docs/reliability.md, "Capacity, fourth pass").
    /// </summary>
    public partial class JsonDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                ALTER TABLE runrecovery.activities
                    ALTER COLUMN load_inputs TYPE json USING load_inputs::text::json,
                    ALTER COLUMN metrics TYPE json USING metrics::text::json,
                    ALTER COLUMN sessions TYPE json USING sessions::text::json;
                """);
            migrationBuilder.Sql(ToastLz4.Compression("lz4"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                ALTER TABLE runrecovery.activities
                    ALTER COLUMN load_inputs TYPE jsonb USING load_inputs::jsonb,
                    ALTER COLUMN metrics TYPE jsonb USING metrics::jsonb,
                    ALTER COLUMN sessions TYPE jsonb USING sessions::jsonb;
                """);
            migrationBuilder.Sql(ToastLz4.Compression("lz4"));
        }
    }
}
