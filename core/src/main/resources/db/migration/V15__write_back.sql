-- Write-back (issue 15): what each connection has pushed to its CRM. Portable SQL: the same script
-- runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
--
-- A touch pushed by a connection. Written in the transaction that records the push's outcome on
-- the run, so a touch recorded here is never sent again by that connection; the primary key keeps
-- it one row whatever races. A crash between the CRM's answer and this commit leaves no row: the
-- next run sends the touch again, and the connector's own idempotency marker finds the activity
-- it already created instead of creating a second.
CREATE TABLE write_back_touch (
    connection_id UUID         NOT NULL,
    touch_id      UUID         NOT NULL,
    -- the activity's id in the CRM, when it gives one
    external_id   VARCHAR(255),
    run_id        UUID         NOT NULL,
    pushed_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_write_back_touch PRIMARY KEY (connection_id, touch_id)
);

-- The values Hearth owns that a connection last pushed for a person, as "field=value" lines in
-- field order: a person whose current values read the same is not written again, so a value read
-- back from the CRM (an echo of Hearth's own write) never causes another write.
CREATE TABLE write_back_person (
    connection_id UUID          NOT NULL,
    person_id     UUID          NOT NULL,
    pushed_values VARCHAR(4000) NOT NULL,
    run_id        UUID          NOT NULL,
    pushed_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_write_back_person PRIMARY KEY (connection_id, person_id)
);

-- the people a connector's records are linked to, walked in id order by each write-back run
CREATE INDEX ix_external_id_connector_person ON external_id (connector, person_id);
