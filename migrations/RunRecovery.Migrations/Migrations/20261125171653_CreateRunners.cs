using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CreateRunners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "runrecovery");

            migrationBuilder.CreateTable(
                name: "runners",
                schema: "runrecovery",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    api_key_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    api_key_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runners", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_runners_api_key_hash",
                schema: "runrecovery",
                table: "runners",
                column: "api_key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_runners_email",
                schema: "runrecovery",
                table: "runners",
                column: "email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "runners",
                schema: "runrecovery");
        }
    }
}
