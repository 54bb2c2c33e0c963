using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ActivityEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "exclude_from_load",
                schema: "runrecovery",
                table: "activities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "name",
                schema: "runrecovery",
                table: "activities",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "notes",
                schema: "runrecovery",
                table: "activities",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.Sql(ActivityNamesBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "exclude_from_load",
                schema: "runrecovery",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "name",
                schema: "runrecovery",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "notes",
                schema: "runrecovery",
                table: "activities");
        }
    }
}
