using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Clubs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clubs",
                schema: "runrecovery",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clubs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "club_imports",
                schema: "runrecovery",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    club_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cancel_requested = table.Column<bool>(type: "boolean", nullable: false),
                    error_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    layout = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_imports_clubs_club_id",
                        column: x => x.club_id,
                        principalSchema: "runrecovery",
                        principalTable: "clubs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "club_invites",
                schema: "runrecovery",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    club_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: false),
                    uses = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_invites", x => x.id);
                    table.ForeignKey(
                        name: "fk_club_invites_clubs_club_id",
                        column: x => x.club_id,
                        principalSchema: "runrecovery",
                        principalTable: "clubs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "club_members",
                schema: "runrecovery",
                columns: table => new
                {
                    club_id = table.Column<Guid>(type: "uuid", nullable: false),
                    runner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    managed = table.Column<bool>(type: "boolean", nullable: false),
                    external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    claim_code_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_members", x => new { x.club_id, x.runner_id });
                    table.ForeignKey(
                        name: "fk_club_members_clubs_club_id",
                        column: x => x.club_id,
                        principalSchema: "runrecovery",
                        principalTable: "clubs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_club_members_runners_runner_id",
                        column: x => x.runner_id,
                        principalSchema: "runrecovery",
                        principalTable: "runners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "club_import_entries",
                schema: "runrecovery",
                columns: table => new
                {
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    path = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    runner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_club_import_entries", x => new { x.import_id, x.ordinal });
                    table.ForeignKey(
                        name: "fk_club_import_entries_club_imports_import_id",
                        column: x => x.import_id,
                        principalSchema: "runrecovery",
                        principalTable: "club_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_club_imports_club_id_created_at",
                schema: "runrecovery",
                table: "club_imports",
                columns: new[] { "club_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_club_imports_state",
                schema: "runrecovery",
                table: "club_imports",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_club_invites_club_id",
                schema: "runrecovery",
                table: "club_invites",
                column: "club_id");

            migrationBuilder.CreateIndex(
                name: "ix_club_invites_code_hash",
                schema: "runrecovery",
                table: "club_invites",
                column: "code_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_club_members_claim_code_hash",
                schema: "runrecovery",
                table: "club_members",
                column: "claim_code_hash",
                unique: true,
                filter: "claim_code_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_club_members_club_id_external_id",
                schema: "runrecovery",
                table: "club_members",
                columns: new[] { "club_id", "external_id" },
                unique: true,
                filter: "external_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_club_members_runner_id",
                schema: "runrecovery",
                table: "club_members",
                column: "runner_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "club_import_entries",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "club_invites",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "club_members",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "club_imports",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "clubs",
                schema: "runrecovery");
        }
    }
}
