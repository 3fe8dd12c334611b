-- Connections: a configured sync stored in Hearth (a CRM account with its settings, schedule and
-- direction). Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code
-- generator.
--
-- A connection's runs use the existing run machinery with the source key 'connections/{id}', so
-- its cursor is the sync_cursor row of that key (written in each batch's transaction) and its last
-- run is the newest sync_run of that key: neither is copied here, so neither can disagree.
CREATE TABLE connection (
    id               UUID         NOT NULL,
    display_name     VARCHAR(100) NOT NULL,
    connector        VARCHAR(64)  NOT NULL,
    -- NULL: runs only when asked (manual); otherwise every so many minutes
    schedule_minutes INTEGER,
    direction        VARCHAR(10)  NOT NULL,
    enabled          BOOLEAN      NOT NULL,
    -- when its next scheduled run is due; NULL when it runs only by hand or is disabled. A server
    -- that runs a due connection first moves this on in one conditional update, so of several
    -- servers exactly one runs each scheduled slot.
    next_run_at      TIMESTAMP(6) WITH TIME ZONE,
    version          BIGINT       NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_connection PRIMARY KEY (id),
    CONSTRAINT uq_connection_display_name UNIQUE (display_name)
);

CREATE INDEX ix_connection_next_run ON connection (next_run_at);

-- A connection's settings, one row a key. A secret key's row holds a reference (env:NAME or
-- file:/path), resolved on the server when a run starts: a secret's value is never stored.
CREATE TABLE connection_setting (
    connection_id UUID          NOT NULL,
    setting_key   VARCHAR(100)  NOT NULL,
    setting_value VARCHAR(2000) NOT NULL,
    secret_ref    BOOLEAN       NOT NULL,
    CONSTRAINT pk_connection_setting PRIMARY KEY (connection_id, setting_key),
    CONSTRAINT fk_connection_setting_connection FOREIGN KEY (connection_id) REFERENCES connection (id)
);

-- A connection's runs, newest first (its last run, `hearth sync runs --connection`)
CREATE INDEX ix_sync_run_source ON sync_run (source_key, started_at DESC, id DESC);
