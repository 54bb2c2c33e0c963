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

