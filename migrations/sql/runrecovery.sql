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
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130806_Accounts') THEN
    ALTER TABLE runrecovery.runners ADD recovery_code_hash bytea;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130806_Accounts') THEN
    ALTER TABLE runrecovery.runners ADD recovery_code_issued_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130806_Accounts') THEN
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
    IF NOT EXISTS(SELECT 1 FROM runrecovery.__ef_migrations_history WHERE "migration_id" = '20261205130806_Accounts') THEN
    INSERT INTO runrecovery.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261205130806_Accounts', '10.0.15');
    END IF;
END $EF$;
COMMIT;

