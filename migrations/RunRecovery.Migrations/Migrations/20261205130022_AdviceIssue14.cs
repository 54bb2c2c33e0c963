using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AdviceIssue14 : Migration
    {
        /// <summary>
        /// Issue 14: the open part of every stored queue in the shape before issue 14 becomes the grouped shape, so the
        /// next plan updates the rows in place and nothing is duplicated: one massage item per muscle becomes one session
        /// per activity and phase with ordered steps (stretch items fold in as the last steps), the rehydrate,
        /// electrolyte and baseline hydration items of a day become one, and the per-part see-professional items one.
        /// Keys become the planner's new ids. Done and dismissed rows stay as they are (history).
        /// </summary>
        public const string GroupOpenItemsSql = """
            WITH old AS (
                SELECT r.id, r.runner_id, r.body_parts[1] AS part, r.technique, r.tool, r.duration_minutes, r.priority,
                       split_part(r.key, ':', 3) AS activity, split_part(r.key, ':', 4) AS phase,
                       row_number() OVER (PARTITION BY r.runner_id, split_part(r.key, ':', 3), split_part(r.key, ':', 4)
                                          ORDER BY r.priority DESC, r.key) AS rank
                FROM runrecovery.recommendations r
                WHERE r.status = 'open' AND r.kind = 'massage' AND r.key ~ '^massage:[a-z -]+:[^:]+:(post|next-day)$'
            ), stretches AS (
                SELECT s.runner_id, split_part(s.key, ':', 3) AS activity,
                       jsonb_agg(jsonb_build_object('action', 'stretch', 'bodyPart', p.part, 'technique', coalesce(s.technique, ''),
                                                    'tool', 'hands', 'minutes', 2) ORDER BY p.ord) AS steps,
                       array_agg(p.part ORDER BY p.ord) AS parts
                FROM runrecovery.recommendations s CROSS JOIN LATERAL unnest(s.body_parts) WITH ORDINALITY AS p(part, ord)
                WHERE s.status = 'open' AND s.key LIKE 'stretch:%'
                GROUP BY s.runner_id, split_part(s.key, ':', 3)
            ), sessions AS (
                SELECT o.runner_id, o.activity, o.phase,
                       jsonb_agg(jsonb_build_object('action', 'massage', 'bodyPart', o.part, 'technique', coalesce(o.technique, ''),
                                                    'tool', o.tool, 'minutes', o.duration_minutes) ORDER BY o.rank) AS steps,
                       array_agg(o.part ORDER BY o.rank) AS parts, sum(o.duration_minutes)::int AS minutes
                FROM old o GROUP BY o.runner_id, o.activity, o.phase
            )
            UPDATE runrecovery.recommendations r SET
                key = CASE s.phase WHEN 'post' THEN 'massage:post:' || s.activity
                      ELSE 'massage:follow-up:' || to_char((r.due_utc AT TIME ZONE ru.time_zone)::date, 'YYYY-MM-DD') END,
                steps = s.steps || CASE WHEN s.phase = 'post' THEN coalesce(st.steps, '[]'::jsonb) ELSE '[]'::jsonb END,
                body_parts = s.parts || CASE WHEN s.phase = 'post' AND st.parts IS NOT NULL
                                            THEN array(SELECT x FROM unnest(st.parts) x WHERE x <> ALL (s.parts)) ELSE '{}'::text[] END,
                duration_minutes = s.minutes + CASE WHEN s.phase = 'post' THEN 2 * coalesce(cardinality(st.parts), 0) ELSE 0 END,
                activity_ids = ARRAY[s.activity],
                technique = 'Self-massage session: ' || array_to_string(s.parts, ', ')
                            || CASE WHEN s.phase = 'post' AND st.parts IS NOT NULL THEN '; then stretch ' || array_to_string(st.parts, ', ') ELSE '' END || '.',
                trigger = CASE s.phase WHEN 'post' THEN 'run' ELSE 'follow-up' END,
                updated_at = now()
            FROM old k
            JOIN sessions s ON s.runner_id = k.runner_id AND s.activity = k.activity AND s.phase = k.phase
            LEFT JOIN stretches st ON st.runner_id = s.runner_id AND st.activity = s.activity
            JOIN runrecovery.runners ru ON ru.id = k.runner_id
            WHERE r.id = k.id AND k.rank = 1;

            DELETE FROM runrecovery.recommendations
            WHERE status = 'open' AND kind = 'massage' AND key ~ '^massage:[a-z -]+:[^:]+:(post|next-day)$';

            UPDATE runrecovery.recommendations s SET
                kind = 'massage', key = 'massage:post:' || split_part(s.key, ':', 3), activity_ids = ARRAY[split_part(s.key, ':', 3)],
                steps = (SELECT jsonb_agg(jsonb_build_object('action', 'stretch', 'bodyPart', p.part, 'technique', coalesce(s.technique, ''),
                                                             'tool', 'hands', 'minutes', 2) ORDER BY p.ord)
                         FROM unnest(s.body_parts) WITH ORDINALITY AS p(part, ord)),
                duration_minutes = greatest(5, 2 * cardinality(s.body_parts)), trigger = 'run', updated_at = now()
            WHERE s.status = 'open' AND s.key LIKE 'stretch:%'
              AND NOT EXISTS (SELECT 1 FROM runrecovery.recommendations m
                              WHERE m.runner_id = s.runner_id AND m.key = 'massage:post:' || split_part(s.key, ':', 3));

            DELETE FROM runrecovery.recommendations WHERE status = 'open' AND key LIKE 'stretch:%';

            WITH old AS (
                SELECT r.id, r.runner_id, (r.due_utc AT TIME ZONE ru.time_zone)::date AS day,
                       row_number() OVER (PARTITION BY r.runner_id, (r.due_utc AT TIME ZONE ru.time_zone)::date
                                          ORDER BY r.priority DESC, r.key) AS rank
                FROM runrecovery.recommendations r JOIN runrecovery.runners ru ON ru.id = r.runner_id
                WHERE r.status = 'open' AND r.key ~ '^hydration:(rehydrate|electrolytes|baseline):'
            ), days AS (
                SELECT o.runner_id, o.day, min(r.due_utc) AS due, max(r.expires_utc) AS expires, max(r.priority) AS priority,
                       string_agg(r.technique, ' ' ORDER BY r.priority DESC) AS technique,
                       bool_or(r.tool = 'electrolytes') AS electrolytes,
                       array(SELECT DISTINCT x FROM runrecovery.recommendations y CROSS JOIN unnest(y.reasons) x
                             WHERE y.id = ANY (array_agg(o.id))) AS reasons,
                       array_remove(array_agg(DISTINCT r.activity_id), NULL) AS activities
                FROM old o JOIN runrecovery.recommendations r ON r.id = o.id
                GROUP BY o.runner_id, o.day
            )
            UPDATE runrecovery.recommendations r SET
                key = 'hydration:' || to_char(d.day, 'YYYY-MM-DD'), day = d.day, due_utc = d.due, expires_utc = d.expires,
                priority = d.priority, technique = d.technique, tool = CASE WHEN d.electrolytes THEN 'electrolytes' END,
                reasons = d.reasons, activity_ids = d.activities, activity_id = d.activities[1], trigger = 'run', updated_at = now()
            FROM old k JOIN days d ON d.runner_id = k.runner_id AND d.day = k.day
            WHERE r.id = k.id AND k.rank = 1;

            DELETE FROM runrecovery.recommendations WHERE status = 'open' AND key ~ '^hydration:(rehydrate|electrolytes|baseline):';

            WITH old AS (
                SELECT r.id, r.runner_id, split_part(r.key, ':', 3) AS since,
                       row_number() OVER (PARTITION BY r.runner_id ORDER BY split_part(r.key, ':', 3), r.key) AS rank
                FROM runrecovery.recommendations r
                WHERE r.status = 'open' AND r.key ~ '^see-professional:[a-z -]+:[0-9-]+$'
            ), flags AS (
                SELECT o.runner_id, min(o.since) AS since, min(r.due_utc) AS due, max(r.expires_utc) AS expires,
                       array(SELECT DISTINCT x FROM runrecovery.recommendations y CROSS JOIN unnest(y.body_parts) x WHERE y.id = ANY (array_agg(o.id))) AS parts,
                       array(SELECT DISTINCT x FROM runrecovery.recommendations y CROSS JOIN unnest(y.reasons) x WHERE y.id = ANY (array_agg(o.id))) AS reasons
                FROM old o JOIN runrecovery.recommendations r ON r.id = o.id
                GROUP BY o.runner_id
            )
            UPDATE runrecovery.recommendations r SET
                key = 'see-professional:' || f.since, body_parts = f.parts, reasons = f.reasons, due_utc = f.due, expires_utc = f.expires,
                trigger = 'pain', updated_at = now()
            FROM old k JOIN flags f ON f.runner_id = k.runner_id
            WHERE r.id = k.id AND k.rank = 1;

            DELETE FROM runrecovery.recommendations WHERE status = 'open' AND key ~ '^see-professional:[a-z -]+:[0-9-]+$';
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "bed_time",
                schema: "runrecovery",
                table: "runner_settings",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "wake_time",
                schema: "runrecovery",
                table: "runner_settings",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "weight_kg",
                schema: "runrecovery",
                table: "runner_settings",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "activity_ids",
                schema: "runrecovery",
                table: "recommendations",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "question",
                schema: "runrecovery",
                table: "recommendations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "steps",
                schema: "runrecovery",
                table: "recommendations",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "trigger",
                schema: "runrecovery",
                table: "recommendations",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdraw_reason",
                schema: "runrecovery",
                table: "recommendations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                schema: "runrecovery",
                table: "recommendations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "overall_soreness",
                schema: "runrecovery",
                table: "checkins",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pain_character",
                schema: "runrecovery",
                table: "checkins",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pain_severity",
                schema: "runrecovery",
                table: "checkins",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "red_flags",
                schema: "runrecovery",
                table: "checkins",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<int>(
                name: "resting_heart_rate_bpm",
                schema: "runrecovery",
                table: "checkins",
                type: "integer",
                nullable: true);

            migrationBuilder.Sql(GroupOpenItemsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "bed_time",
                schema: "runrecovery",
                table: "runner_settings");

            migrationBuilder.DropColumn(
                name: "wake_time",
                schema: "runrecovery",
                table: "runner_settings");

            migrationBuilder.DropColumn(
                name: "weight_kg",
                schema: "runrecovery",
                table: "runner_settings");

            migrationBuilder.DropColumn(
                name: "activity_ids",
                schema: "runrecovery",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "question",
                schema: "runrecovery",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "steps",
                schema: "runrecovery",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "trigger",
                schema: "runrecovery",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "withdraw_reason",
                schema: "runrecovery",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                schema: "runrecovery",
                table: "recommendations");

            migrationBuilder.DropColumn(
                name: "overall_soreness",
                schema: "runrecovery",
                table: "checkins");

            migrationBuilder.DropColumn(
                name: "pain_character",
                schema: "runrecovery",
                table: "checkins");

            migrationBuilder.DropColumn(
                name: "pain_severity",
                schema: "runrecovery",
                table: "checkins");

            migrationBuilder.DropColumn(
                name: "red_flags",
                schema: "runrecovery",
                table: "checkins");

            migrationBuilder.DropColumn(
                name: "resting_heart_rate_bpm",
                schema: "runrecovery",
                table: "checkins");
        }
    }
}
