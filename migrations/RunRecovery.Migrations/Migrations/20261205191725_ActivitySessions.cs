using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ActivitySessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sessions",
                schema: "runrecovery",
                table: "activities",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_activities_sessions_unread",
                schema: "runrecovery",
                table: "activities",
                column: "id",
                filter: "sessions IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_activities_sessions_unread",
                schema: "runrecovery",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "sessions",
                schema: "runrecovery",
                table: "activities");
        }
    }
}
