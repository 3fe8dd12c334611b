-- Opportunities (deals) with contacts, the second pipeline beside the leads, and the stages each
-- has been in. Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code
-- generator.
CREATE TABLE opportunity (
    id                  UUID          NOT NULL,
    contact_id          UUID          NOT NULL,
    title               VARCHAR(200)  NOT NULL,
    -- google.type.Money: up to 19 digits of units and 9 of nanos, never negative
    amount              DECIMAL(28,9) NOT NULL,
    currency            CHAR(3)       NOT NULL,
    expected_close_date DATE          NOT NULL,
    owner               VARCHAR(100),
    next_step           VARCHAR(1000),
    next_step_due_at    TIMESTAMP(6) WITH TIME ZONE,
    -- a stage key of the pipeline (qualification, ..., closed_won, closed_lost)
    stage               VARCHAR(40)   NOT NULL,
    -- when the current stage was entered: what a stalled deal is measured from
    stage_entered_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- OPEN, WON or LOST
    outcome             VARCHAR(10)   NOT NULL,
    close_reason        VARCHAR(1000),
    closed_at           TIMESTAMP(6) WITH TIME ZONE,
    -- the lead whose conversion opened the deal, and the lead source the contact carried
    source_lead_id      UUID,
    lead_source         VARCHAR(20),
    create_request_id   VARCHAR(100),
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    archived_at         TIMESTAMP(6) WITH TIME ZONE,
    version             BIGINT        NOT NULL,
    CONSTRAINT pk_opportunity PRIMARY KEY (id),
    CONSTRAINT uq_opportunity_create_request UNIQUE (create_request_id),
    CONSTRAINT fk_opportunity_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_opportunity_source_lead FOREIGN KEY (source_lead_id) REFERENCES lead (id),
    CONSTRAINT ck_opportunity_amount CHECK (amount >= 0),
    CONSTRAINT ck_opportunity_closed CHECK ((outcome = 'OPEN' AND closed_at IS NULL) OR (outcome <> 'OPEN' AND closed_at IS NOT NULL))
);

-- the list orders (oldest first, by expected close date, by amount), each with the id as tie-break
CREATE INDEX ix_opportunity_created ON opportunity (created_at, id);
CREATE INDEX ix_opportunity_close_date ON opportunity (expected_close_date, id);
CREATE INDEX ix_opportunity_amount ON opportunity (amount, id);
-- the filters: a rep's deals, a contact's deals, the deals in a stage (longest there first)
CREATE INDEX ix_opportunity_owner ON opportunity (owner, expected_close_date, id);
CREATE INDEX ix_opportunity_contact ON opportunity (contact_id, created_at, id);
CREATE INDEX ix_opportunity_stage ON opportunity (stage, stage_entered_at);

-- Every stage an opportunity has been in, in order: the one it is in has no left_at.
CREATE TABLE opportunity_stage_change (
    opportunity_id UUID        NOT NULL,
    -- 0 for the stage it was opened in, then one more per move
    seq            INTEGER     NOT NULL,
    stage          VARCHAR(40) NOT NULL,
    entered_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    left_at        TIMESTAMP(6) WITH TIME ZONE,
    moved_by       VARCHAR(100),
    CONSTRAINT pk_opportunity_stage_change PRIMARY KEY (opportunity_id, seq),
    CONSTRAINT fk_opportunity_stage_change FOREIGN KEY (opportunity_id) REFERENCES opportunity (id)
);
