-- Leads: people in the target market who have not engaged yet.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
CREATE TABLE lead (
    id                UUID          NOT NULL,
    -- derived from the name fields, stored so lists can sort and page on it
    display_name      VARCHAR(320)  NOT NULL,
    given_name        VARCHAR(100),
    family_name       VARCHAR(100),
    company           VARCHAR(200),
    title             VARCHAR(200),
    email             VARCHAR(254),
    -- E.164
    phone             VARCHAR(20),
    source            VARCHAR(20)   NOT NULL,
    owner             VARCHAR(100),
    status            VARCHAR(20)   NOT NULL,
    temperature       VARCHAR(10)   NOT NULL,
    notes             VARCHAR(10000),
    -- idempotency key of the CreateLead call that made the row (AIP-155)
    create_request_id VARCHAR(100),
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    archived_at       TIMESTAMP(6) WITH TIME ZONE,
    -- bumped on every write; the etag is derived from it
    version           BIGINT        NOT NULL,
    CONSTRAINT pk_lead PRIMARY KEY (id),
    CONSTRAINT uq_lead_create_request UNIQUE (create_request_id)
);

CREATE TABLE lead_tag (
    lead_id UUID        NOT NULL,
    tag     VARCHAR(50) NOT NULL,
    CONSTRAINT pk_lead_tag PRIMARY KEY (lead_id, tag),
    CONSTRAINT fk_lead_tag_lead FOREIGN KEY (lead_id) REFERENCES lead (id)
);

-- Every list order is (key, id) in one direction, so keyset paging walks an index.
CREATE INDEX ix_lead_created ON lead (created_at, id);
CREATE INDEX ix_lead_updated ON lead (updated_at, id);
CREATE INDEX ix_lead_display_name ON lead (display_name, id);
CREATE INDEX ix_lead_owner ON lead (owner, created_at, id);
CREATE INDEX ix_lead_tag_tag ON lead_tag (tag, lead_id);
