using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RunnerApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "activities",
                schema: "runrecovery",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    runner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    sport = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    start_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sort_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    distance_meters = table.Column<double>(type: "double precision", nullable: true),
                    moving_seconds = table.Column<double>(type: "double precision", nullable: true),
                    elapsed_seconds = table.Column<double>(type: "double precision", nullable: true),
                    size_bytes = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    metrics = table.Column<string>(type: "jsonb", nullable: false),
                    load_inputs = table.Column<string>(type: "jsonb", nullable: false),
                    scoring_state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    scoring_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    loads = table.Column<string>(type: "json", nullable: true),
                    recovery_hours = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activities", x => x.id);
                    table.ForeignKey(
                        name: "fk_activities_runners_runner_id",
                        column: x => x.runner_id,
                        principalSchema: "runrecovery",
                        principalTable: "runners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "checkins",
                schema: "runrecovery",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    runner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    soreness = table.Column<string>(type: "jsonb", nullable: false),
                    pain = table.Column<bool>(type: "boolean", nullable: false),
                    pain_body_parts = table.Column<string[]>(type: "text[]", nullable: false),
                    sleep_quality = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkins", x => x.id);
                    table.ForeignKey(
                        name: "fk_checkins_runners_runner_id",
                        column: x => x.runner_id,
                        principalSchema: "runrecovery",
                        principalTable: "runners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recommendations",
                schema: "runrecovery",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    runner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    body_parts = table.Column<List<string>>(type: "text[]", nullable: false),
                    technique = table.Column<string>(type: "text", nullable: true),
                    tool = table.Column<string>(type: "text", nullable: true),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    due_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    activity_id = table.Column<string>(type: "text", nullable: true),
                    day = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    acted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismiss_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivery_state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    delivery_attempts = table.Column<int>(type: "integer", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivery_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendations", x => x.id);
                    table.ForeignKey(
                        name: "fk_recommendations_runners_runner_id",
                        column: x => x.runner_id,
                        principalSchema: "runrecovery",
                        principalTable: "runners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runner_scoring",
                schema: "runrecovery",
                columns: table => new
                {
                    runner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_version = table.Column<long>(type: "bigint", nullable: false),
                    scored_version = table.Column<long>(type: "bigint", nullable: false),
                    job_pending = table.Column<bool>(type: "boolean", nullable: false),
                    dirty_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recomputes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runner_scoring", x => x.runner_id);
                    table.ForeignKey(
                        name: "fk_runner_scoring_runners_runner_id",
                        column: x => x.runner_id,
                        principalSchema: "runrecovery",
                        principalTable: "runners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runner_settings",
                schema: "runrecovery",
                columns: table => new
                {
                    runner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    birth_year = table.Column<int>(type: "integer", nullable: true),
                    sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    max_heart_rate_bpm = table.Column<int>(type: "integer", nullable: true),
                    resting_heart_rate_bpm = table.Column<int>(type: "integer", nullable: true),
                    experience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    weekly_distance_km = table.Column<double>(type: "double precision", nullable: true),
                    tools = table.Column<string[]>(type: "text[]", nullable: false),
                    massage_window_start = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    massage_window_end = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    webhook_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    webhook_secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runner_settings", x => x.runner_id);
                    table.ForeignKey(
                        name: "fk_runner_settings_runners_runner_id",
                        column: x => x.runner_id,
                        principalSchema: "runrecovery",
                        principalTable: "runners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "activity_contents",
                schema: "runrecovery",
                columns: table => new
                {
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_contents", x => x.activity_id);
                    table.ForeignKey(
                        name: "fk_activity_contents_activities_activity_id",
                        column: x => x.activity_id,
                        principalSchema: "runrecovery",
                        principalTable: "activities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activities_runner_id_sha256",
                schema: "runrecovery",
                table: "activities",
                columns: new[] { "runner_id", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_activities_runner_id_sort_time_id",
                schema: "runrecovery",
                table: "activities",
                columns: new[] { "runner_id", "sort_time", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_activities_runner_id_start_utc",
                schema: "runrecovery",
                table: "activities",
                columns: new[] { "runner_id", "start_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_activities_scoring_state_uploaded_at",
                schema: "runrecovery",
                table: "activities",
                columns: new[] { "scoring_state", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_checkins_runner_id_date",
                schema: "runrecovery",
                table: "checkins",
                columns: new[] { "runner_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_delivery_state_due_utc",
                schema: "runrecovery",
                table: "recommendations",
                columns: new[] { "delivery_state", "due_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_runner_id_due_utc",
                schema: "runrecovery",
                table: "recommendations",
                columns: new[] { "runner_id", "due_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_runner_id_key",
                schema: "runrecovery",
                table: "recommendations",
                columns: new[] { "runner_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_runner_scoring_job_pending_requested_at",
                schema: "runrecovery",
                table: "runner_scoring",
                columns: new[] { "job_pending", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activity_contents",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "checkins",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "recommendations",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "runner_scoring",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "runner_settings",
                schema: "runrecovery");

            migrationBuilder.DropTable(
                name: "activities",
                schema: "runrecovery");
        }
    }
}
