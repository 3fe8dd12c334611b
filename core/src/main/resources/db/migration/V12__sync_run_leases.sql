-- A running sync holds a lease that it renews while it works. A run whose lease has run out
-- (its server was killed, lost its database, or ran out of memory) is marked INTERRUPTED by any
-- server, so no run stays RUNNING for ever. NULL: a run from before leases, treated as expired.
ALTER TABLE sync_run ADD COLUMN lease_until TIMESTAMP(6) WITH TIME ZONE;
CREATE INDEX ix_sync_run_state ON sync_run (run_state, lease_until);

-- One run at a time per source: a run takes its source's row before it reads the source's cursor
-- and gives it back when it ends. The primary key is what makes a second server's run of the same
-- source wait or fail instead of reading the same cursor and storing every row twice.
CREATE TABLE sync_source_claim (
    connector  VARCHAR(64) NOT NULL,
    source_key VARCHAR(64) NOT NULL,
    run_id     UUID        NOT NULL,
    CONSTRAINT pk_sync_source_claim PRIMARY KEY (connector, source_key)
);
