-- The audit log (issue 14): who changed what, written in the transaction of the change, so a
-- change and its entry commit or roll back together. A change's fields are rows of their own
-- (old and new value as text), so "what did alice change" and "who touched leads/X" are indexed
-- lookups. Entries are never updated or deleted by Hearth.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
CREATE TABLE audit_entry (
    id          UUID         NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    user_name   VARCHAR(100) NOT NULL,
    token_id    VARCHAR(64),
    method      VARCHAR(200),
    resource    VARCHAR(200) NOT NULL,
    action      VARCHAR(40)  NOT NULL,
    CONSTRAINT pk_audit_entry PRIMARY KEY (id)
);

-- ids are time-ordered (UUIDv7): newest first is id descending
CREATE INDEX ix_audit_resource ON audit_entry (resource, id);
CREATE INDEX ix_audit_user ON audit_entry (user_name, id);

CREATE TABLE audit_change (
    entry_id    UUID          NOT NULL,
    seq         INTEGER       NOT NULL,
    field       VARCHAR(100)  NOT NULL,
    old_value   VARCHAR(10000),
    new_value   VARCHAR(10000),
    CONSTRAINT pk_audit_change PRIMARY KEY (entry_id, seq),
    CONSTRAINT fk_audit_change_entry FOREIGN KEY (entry_id) REFERENCES audit_entry (id)
);
