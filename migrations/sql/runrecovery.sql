DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'runrecovery') THEN
        CREATE SCHEMA runrecovery;
    END IF;
END $EF$;
CREATE TABLE IF NOT EXISTS runrecovery.__ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125171653_CreateRunners') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'runrecovery') THEN
            CREATE SCHEMA runrecovery;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125171653_CreateRunners') THEN
    CREATE TABLE runrecovery.runners (
        id uuid NOT NULL,
        name character varying(200) NOT NULL,
        email character varying(320) NOT NULL,
        time_zone character varying(64) NOT NULL,
        api_key_hash bytea NOT NULL,
        created_at timestamp with time zone NOT NULL,
        api_key_issued_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_runners PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125171653_CreateRunners') THEN
    CREATE UNIQUE INDEX ix_runners_api_key_hash ON runrecovery.runners (api_key_hash);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125171653_CreateRunners') THEN
    CREATE UNIQUE INDEX ix_runners_email ON runrecovery.runners (email);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125171653_CreateRunners') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125171653_CreateRunners', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE TABLE runrecovery.activities (
        id uuid NOT NULL,
        runner_id uuid NOT NULL,
        sha256 bytea NOT NULL,
        file_name character varying(500),
        content_type character varying(100) NOT NULL,
        format character varying(10) NOT NULL,
        sport character varying(20) NOT NULL,
        start_utc timestamp with time zone,
        sort_time timestamp with time zone NOT NULL,
        distance_meters double precision,
        moving_seconds double precision,
        elapsed_seconds double precision,
        size_bytes integer NOT NULL,
        uploaded_at timestamp with time zone NOT NULL,
        metrics jsonb NOT NULL,
        load_inputs jsonb NOT NULL,
        scoring_state character varying(20) NOT NULL,
        scoring_note character varying(500),
        scored_at timestamp with time zone,
        loads json,
        recovery_hours double precision,
        CONSTRAINT pk_activities PRIMARY KEY (id),
        CONSTRAINT fk_activities_runners_runner_id FOREIGN KEY (runner_id) REFERENCES runrecovery.runners (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE TABLE runrecovery.checkins (
        id uuid NOT NULL,
        runner_id uuid NOT NULL,
        date date NOT NULL,
        soreness jsonb NOT NULL,
        pain boolean NOT NULL,
        pain_body_parts text[] NOT NULL,
        sleep_quality integer,
        note character varying(2000),
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_checkins PRIMARY KEY (id),
        CONSTRAINT fk_checkins_runners_runner_id FOREIGN KEY (runner_id) REFERENCES runrecovery.runners (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE TABLE runrecovery.recommendations (
        id uuid NOT NULL,
        runner_id uuid NOT NULL,
        key character varying(300) NOT NULL,
        kind character varying(40) NOT NULL,
        body_parts text[] NOT NULL,
        technique text,
        tool text,
        duration_minutes integer NOT NULL,
        due_utc timestamp with time zone NOT NULL,
        expires_utc timestamp with time zone NOT NULL,
        priority integer NOT NULL,
        reasons text[] NOT NULL,
        sources text[] NOT NULL,
        activity_id text,
        day date,
        status character varying(20) NOT NULL,
        acted_at timestamp with time zone,
        dismiss_reason character varying(1000),
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        delivery_state character varying(20),
        delivery_attempts integer NOT NULL,
        delivered_at timestamp with time zone,
        delivery_error text,
        CONSTRAINT pk_recommendations PRIMARY KEY (id),
        CONSTRAINT fk_recommendations_runners_runner_id FOREIGN KEY (runner_id) REFERENCES runrecovery.runners (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE TABLE runrecovery.runner_scoring (
        runner_id uuid NOT NULL,
        requested_version bigint NOT NULL,
        scored_version bigint NOT NULL,
        job_pending boolean NOT NULL,
        dirty_since timestamp with time zone,
        requested_at timestamp with time zone NOT NULL,
        scored_at timestamp with time zone,
        recomputes bigint NOT NULL,
        CONSTRAINT pk_runner_scoring PRIMARY KEY (runner_id),
        CONSTRAINT fk_runner_scoring_runners_runner_id FOREIGN KEY (runner_id) REFERENCES runrecovery.runners (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE TABLE runrecovery.runner_settings (
        runner_id uuid NOT NULL,
        birth_year integer,
        sex character varying(10) NOT NULL,
        max_heart_rate_bpm integer,
        resting_heart_rate_bpm integer,
        experience character varying(20) NOT NULL,
        weekly_distance_km double precision,
        tools text[] NOT NULL,
        massage_window_start time without time zone,
        massage_window_end time without time zone,
        webhook_url character varying(2000),
        webhook_secret character varying(100),
        updated_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_runner_settings PRIMARY KEY (runner_id),
        CONSTRAINT fk_runner_settings_runners_runner_id FOREIGN KEY (runner_id) REFERENCES runrecovery.runners (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE TABLE runrecovery.activity_contents (
        activity_id uuid NOT NULL,
        content bytea NOT NULL,
        CONSTRAINT pk_activity_contents PRIMARY KEY (activity_id),
        CONSTRAINT fk_activity_contents_activities_activity_id FOREIGN KEY (activity_id) REFERENCES runrecovery.activities (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE UNIQUE INDEX ix_activities_runner_id_sha256 ON runrecovery.activities (runner_id, sha256);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE INDEX ix_activities_runner_id_sort_time_id ON runrecovery.activities (runner_id, sort_time DESC, id DESC);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE INDEX ix_activities_runner_id_start_utc ON runrecovery.activities (runner_id, start_utc);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE INDEX ix_activities_scoring_state_uploaded_at ON runrecovery.activities (scoring_state, uploaded_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE INDEX ix_checkins_runner_id_date ON runrecovery.checkins (runner_id, date);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE INDEX ix_recommendations_delivery_state_due_utc ON runrecovery.recommendations (delivery_state, due_utc);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE INDEX ix_recommendations_runner_id_due_utc ON runrecovery.recommendations (runner_id, due_utc);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE UNIQUE INDEX ix_recommendations_runner_id_key ON runrecovery.recommendations (runner_id, key);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    CREATE INDEX ix_runner_scoring_job_pending_requested_at ON runrecovery.runner_scoring (job_pending, requested_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125180302_RunnerApi') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125180302_RunnerApi', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE TABLE runrecovery.clubs (
        id uuid NOT NULL,
        name character varying(200) NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_clubs PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE TABLE runrecovery.club_imports (
        id uuid NOT NULL,
        club_id uuid NOT NULL,
        created_by uuid NOT NULL,
        file_name character varying(500) NOT NULL,
        size_bytes bigint NOT NULL,
        state character varying(32) NOT NULL,
        cancel_requested boolean NOT NULL,
        error_code character varying(64),
        error_message text,
        layout character varying(16),
        created_at timestamp with time zone NOT NULL,
        started_at timestamp with time zone,
        finished_at timestamp with time zone,
        heartbeat_at timestamp with time zone,
        attempts integer NOT NULL,
        CONSTRAINT pk_club_imports PRIMARY KEY (id),
        CONSTRAINT fk_club_imports_clubs_club_id FOREIGN KEY (club_id) REFERENCES runrecovery.clubs (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE TABLE runrecovery.club_invites (
        id uuid NOT NULL,
        club_id uuid NOT NULL,
        code_hash bytea NOT NULL,
        expires_at timestamp with time zone NOT NULL,
        max_uses integer NOT NULL,
        uses integer NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_club_invites PRIMARY KEY (id),
        CONSTRAINT fk_club_invites_clubs_club_id FOREIGN KEY (club_id) REFERENCES runrecovery.clubs (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE TABLE runrecovery.club_members (
        club_id uuid NOT NULL,
        runner_id uuid NOT NULL,
        role character varying(16) NOT NULL,
        managed boolean NOT NULL,
        external_id character varying(100),
        claim_code_hash bytea,
        joined_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_club_members PRIMARY KEY (club_id, runner_id),
        CONSTRAINT fk_club_members_clubs_club_id FOREIGN KEY (club_id) REFERENCES runrecovery.clubs (id) ON DELETE CASCADE,
        CONSTRAINT fk_club_members_runners_runner_id FOREIGN KEY (runner_id) REFERENCES runrecovery.runners (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE TABLE runrecovery.club_import_entries (
        import_id uuid NOT NULL,
        ordinal integer NOT NULL,
        path character varying(1000) NOT NULL,
        runner_id uuid,
        outcome character varying(16) NOT NULL,
        activity_id uuid,
        code character varying(64),
        message character varying(2000),
        CONSTRAINT pk_club_import_entries PRIMARY KEY (import_id, ordinal),
        CONSTRAINT fk_club_import_entries_club_imports_import_id FOREIGN KEY (import_id) REFERENCES runrecovery.club_imports (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE INDEX ix_club_imports_club_id_created_at ON runrecovery.club_imports (club_id, created_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE INDEX ix_club_imports_state ON runrecovery.club_imports (state);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE INDEX ix_club_invites_club_id ON runrecovery.club_invites (club_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE UNIQUE INDEX ix_club_invites_code_hash ON runrecovery.club_invites (code_hash);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE UNIQUE INDEX ix_club_members_claim_code_hash ON runrecovery.club_members (claim_code_hash) WHERE claim_code_hash IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE UNIQUE INDEX ix_club_members_club_id_external_id ON runrecovery.club_members (club_id, external_id) WHERE external_id IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    CREATE INDEX ix_club_members_runner_id ON runrecovery.club_members (runner_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261125181158_Clubs') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125181158_Clubs', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205113104_ProfileUnits') THEN
    ALTER TABLE runrecovery.runner_settings ADD units character varying(10) NOT NULL DEFAULT 'Metric';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205113104_ProfileUnits') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205113104_ProfileUnits', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.runner_settings ADD bed_time time without time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.runner_settings ADD wake_time time without time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.runner_settings ADD weight_kg double precision;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.recommendations ADD activity_ids text[] NOT NULL DEFAULT ('{}'::text[]);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.recommendations ADD question character varying(500);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.recommendations ADD steps jsonb NOT NULL DEFAULT ('[]'::jsonb);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.recommendations ADD trigger character varying(40);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.recommendations ADD withdraw_reason character varying(1000);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.recommendations ADD withdrawn_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.checkins ADD overall_soreness integer;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.checkins ADD pain_character character varying(10);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.checkins ADD pain_severity integer;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.checkins ADD red_flags text[] NOT NULL DEFAULT ('{}'::text[]);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    ALTER TABLE runrecovery.checkins ADD resting_heart_rate_bpm integer;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
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
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130022_AdviceIssue14') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205130022_AdviceIssue14', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205142313_Accounts') THEN
    ALTER TABLE runrecovery.runners ADD recovery_code_hash bytea;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205142313_Accounts') THEN
    ALTER TABLE runrecovery.runners ADD recovery_code_issued_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205142313_Accounts') THEN
    CREATE TABLE runrecovery.data_protection_keys (
        id integer GENERATED BY DEFAULT AS IDENTITY,
        friendly_name text,
        xml text,
        CONSTRAINT pk_data_protection_keys PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205142313_Accounts') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205142313_Accounts', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205144623_LoadInputsVersion2') THEN
    UPDATE runrecovery.activities AS a
    SET load_inputs = jsonb_build_object('version', 2, 'inputs', coalesce((
        SELECT jsonb_agg(
            (input.value - 'samples' - 'endUtc' - 'loadsRunningMuscles') || coalesce((
                SELECT jsonb_build_object('series', jsonb_strip_nulls(jsonb_build_object(
                    'start', (array_agg(x.sample -> 'time' ORDER BY x.n))[1],
                    'dt', jsonb_agg(to_jsonb(x.dt) ORDER BY x.n),
                    'hr', CASE WHEN bool_and(x.sample -> 'heartRateBpm' IS NULL) THEN NULL
                        ELSE jsonb_agg(x.sample -> 'heartRateBpm' ORDER BY x.n) END,
                    'alt', CASE WHEN bool_and(x.sample -> 'altitudeMeters' IS NULL) THEN NULL
                        ELSE jsonb_agg(x.sample -> 'altitudeMeters' ORDER BY x.n) END,
                    'dist', CASE WHEN bool_and(x.sample -> 'distanceMeters' IS NULL) THEN NULL
                        ELSE jsonb_agg(x.sample -> 'distanceMeters' ORDER BY x.n) END)))
                FROM (
                    SELECT s.sample, s.n, coalesce(extract(epoch FROM
                        (s.sample ->> 'time')::timestamptz - lag((s.sample ->> 'time')::timestamptz) OVER (ORDER BY s.n))::float8, 0) AS dt
                    FROM jsonb_array_elements(coalesce(input.value -> 'samples', '[]'::jsonb)) WITH ORDINALITY AS s(sample, n)
                ) AS x
                HAVING count(*) > 0), '{}'::jsonb)
            ORDER BY input.n)
        FROM jsonb_array_elements(a.load_inputs::jsonb) WITH ORDINALITY AS input(value, n)), '[]'::jsonb))
    WHERE jsonb_typeof(a.load_inputs::jsonb) = 'array';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205144623_LoadInputsVersion2') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205144623_LoadInputsVersion2', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205161457_ActivityEdits') THEN
    ALTER TABLE runrecovery.activities ADD exclude_from_load boolean NOT NULL DEFAULT FALSE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205161457_ActivityEdits') THEN
    ALTER TABLE runrecovery.activities ADD name character varying(200);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205161457_ActivityEdits') THEN
    ALTER TABLE runrecovery.activities ADD notes character varying(4000);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205161457_ActivityEdits') THEN
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
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205161457_ActivityEdits') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205161457_ActivityEdits', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205181017_IdempotencyKeys') THEN
    CREATE TABLE runrecovery.idempotency_keys (
        principal character varying(100) NOT NULL,
        key character varying(255) NOT NULL,
        runner_id uuid,
        fingerprint bytea NOT NULL,
        completed boolean NOT NULL,
        status integer,
        content_type text,
        location text,
        protected_body bytea,
        created_at timestamp with time zone NOT NULL,
        expires_at timestamp with time zone NOT NULL,
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (principal, key),
        CONSTRAINT fk_idempotency_keys_runners_runner_id FOREIGN KEY (runner_id) REFERENCES runrecovery.runners (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205181017_IdempotencyKeys') THEN
    CREATE INDEX ix_idempotency_keys_expires_at ON runrecovery.idempotency_keys (expires_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205181017_IdempotencyKeys') THEN
    CREATE INDEX ix_idempotency_keys_runner_id ON runrecovery.idempotency_keys (runner_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205181017_IdempotencyKeys') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205181017_IdempotencyKeys', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205191725_ActivitySessions') THEN
    ALTER TABLE runrecovery.activities ADD sessions jsonb;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205191725_ActivitySessions') THEN
    CREATE INDEX ix_activities_sessions_unread ON runrecovery.activities (id) WHERE sessions IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205191725_ActivitySessions') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205191725_ActivitySessions', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205232655_ToastLz4') THEN
    DO $lz4$
    BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
            ALTER TABLE runrecovery.activity_contents ALTER COLUMN content SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN load_inputs SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN metrics SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN sessions SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN loads SET COMPRESSION lz4;
        END IF;
    END $lz4$;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205232655_ToastLz4') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205232655_ToastLz4', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261206045318_JsonDocuments') THEN
    ALTER TABLE runrecovery.activities
        ALTER COLUMN load_inputs TYPE json USING load_inputs::text::json,
        ALTER COLUMN metrics TYPE json USING metrics::text::json,
        ALTER COLUMN sessions TYPE json USING sessions::text::json;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261206045318_JsonDocuments') THEN
    DO $lz4$
    BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
            ALTER TABLE runrecovery.activity_contents ALTER COLUMN content SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN load_inputs SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN metrics SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN sessions SET COMPRESSION lz4;
            ALTER TABLE runrecovery.activities ALTER COLUMN loads SET COMPRESSION lz4;
        END IF;
    END $lz4$;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261206045318_JsonDocuments') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261206045318_JsonDocuments', '10.0.15');
    END IF;
END $EF$;
COMMIT;

