-- Sync: matching keys on leads, external ids, cursors and run records.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.

-- Matching keys stored beside the values they come from, so deduplication walks plain indexes on
-- both databases (HSQLDB has no expression indexes). io.hearth.core.dedup.DedupKeys computes them
-- for new writes with exactly the formulas of the backfill below.
ALTER TABLE lead ADD COLUMN email_key VARCHAR(254);
ALTER TABLE lead ADD COLUMN name_key VARCHAR(420);
UPDATE lead SET email_key = LOWER(email) WHERE email IS NOT NULL;
UPDATE lead SET name_key = LOWER(COALESCE(given_name, '') || ' ' || COALESCE(family_name, '')) || '|'
    || LOWER(COALESCE(company, ''))
    WHERE given_name IS NOT NULL OR family_name IS NOT NULL;
CREATE INDEX ix_lead_email_key ON lead (email_key);
CREATE INDEX ix_lead_phone ON lead (phone);
CREATE INDEX ix_lead_name_key ON lead (name_key);

-- Which Hearth person a connector's record is. person_kind leaves room for contacts.
CREATE TABLE external_id (
    connector   VARCHAR(64)  NOT NULL,
    external_id VARCHAR(255) NOT NULL,
    person_kind VARCHAR(20)  NOT NULL,
    person_id   UUID         NOT NULL,
    CONSTRAINT pk_external_id PRIMARY KEY (connector, external_id)
);
CREATE INDEX ix_external_id_person ON external_id (person_id);

-- Where a source's reading stopped; written in the transaction of the batch it follows.
CREATE TABLE sync_cursor (
    connector    VARCHAR(64)   NOT NULL,
    source_key   VARCHAR(64)   NOT NULL,
    cursor_value VARCHAR(2000) NOT NULL,
    run_id       UUID          NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sync_cursor PRIMARY KEY (connector, source_key)
);

CREATE TABLE sync_run (
    id                UUID          NOT NULL,
    connector         VARCHAR(64)   NOT NULL,
    source_key        VARCHAR(64)   NOT NULL,
    -- the config as shown to users: secrets already redacted
    source_label      VARCHAR(1000) NOT NULL,
    run_state         VARCHAR(20)   NOT NULL,
    dry_run           BOOLEAN       NOT NULL,
    started_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP(6) WITH TIME ZONE,
    records_read      BIGINT        NOT NULL,
    records_created   BIGINT        NOT NULL,
    records_updated   BIGINT        NOT NULL,
    records_unchanged BIGINT        NOT NULL,
    records_merged    BIGINT        NOT NULL,
    records_rejected  BIGINT        NOT NULL,
    start_cursor      VARCHAR(2000),
    end_cursor        VARCHAR(2000),
    error_message     VARCHAR(4000),
    CONSTRAINT pk_sync_run PRIMARY KEY (id)
);
-- newest first: both keys descending, so HSQLDB walks the index
CREATE INDEX ix_sync_run_started ON sync_run (started_at DESC, id DESC);

CREATE TABLE sync_rejection (
    run_id          UUID          NOT NULL,
    seq             BIGINT        NOT NULL,
    record_position VARCHAR(200)  NOT NULL,
    reason          VARCHAR(4000) NOT NULL,
    raw_input       VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_sync_rejection PRIMARY KEY (run_id, seq),
    CONSTRAINT fk_sync_rejection_run FOREIGN KEY (run_id) REFERENCES sync_run (id)
);
