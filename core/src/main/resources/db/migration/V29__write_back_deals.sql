-- What a connection's CRM holds of the deal fields Hearth owns, as "field=value" lines in field
-- order: what the connection last pushed, or what its last read of the deal found there. A deal
-- whose current values read the same is not written, so a deal read from the CRM and not changed
-- in Hearth since is never echoed back. The deals' counterpart of write_back_person (V15).
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
CREATE TABLE write_back_deal (
    connection_id  UUID          NOT NULL,
    opportunity_id UUID          NOT NULL,
    pushed_values  VARCHAR(4000) NOT NULL,
    run_id         UUID          NOT NULL,
    pushed_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_write_back_deal PRIMARY KEY (connection_id, opportunity_id)
);
