-- Contacts, the touches made to leads and contacts, scheduled follow-ups and cadence state.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
CREATE TABLE contact (
    id                     UUID          NOT NULL,
    display_name           VARCHAR(320)  NOT NULL,
    given_name             VARCHAR(100),
    family_name            VARCHAR(100),
    company                VARCHAR(200),
    title                  VARCHAR(200),
    email                  VARCHAR(254),
    -- E.164
    phone                  VARCHAR(20),
    kind                   VARCHAR(20)   NOT NULL,
    -- DIRECT (entered as a contact) or CONVERTED_LEAD
    origin                 VARCHAR(20)   NOT NULL,
    -- carried over from the lead; NULL for contacts entered directly without one
    source                 VARCHAR(20),
    owner                  VARCHAR(100),
    notes                  VARCHAR(10000),
    converted_from_lead_id UUID,
    created_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    archived_at            TIMESTAMP(6) WITH TIME ZONE,
    version                BIGINT        NOT NULL,
    CONSTRAINT pk_contact PRIMARY KEY (id),
    -- one lead converts into at most one contact, whatever races
    CONSTRAINT uq_contact_converted_lead UNIQUE (converted_from_lead_id),
    CONSTRAINT fk_contact_lead FOREIGN KEY (converted_from_lead_id) REFERENCES lead (id)
);

CREATE TABLE contact_tag (
    contact_id UUID        NOT NULL,
    tag        VARCHAR(50) NOT NULL,
    CONSTRAINT pk_contact_tag PRIMARY KEY (contact_id, tag),
    CONSTRAINT fk_contact_tag_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);

CREATE INDEX ix_contact_created ON contact (created_at, id);
CREATE INDEX ix_contact_display_name ON contact (display_name, id);
CREATE INDEX ix_contact_owner ON contact (owner, created_at, id);

-- Where a person stands in the follow-up cadence; one row per lead or contact that has one. A
-- converted lead and its contact share an id, so the kind is part of the key.
CREATE TABLE cadence (
    person_id             UUID        NOT NULL,
    -- LEAD or CONTACT
    person_kind           VARCHAR(10) NOT NULL,
    -- ACTIVE, STOPPED (a positive outcome ended it), DRIP or UNSUBSCRIBED
    state                 VARCHAR(20) NOT NULL,
    completed_follow_ups  INTEGER     NOT NULL,
    -- index into the cadence's steps of the next step to schedule
    next_step             INTEGER     NOT NULL,
    moved_to_drip_at      TIMESTAMP(6) WITH TIME ZONE,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_cadence PRIMARY KEY (person_kind, person_id)
);

CREATE INDEX ix_cadence_drip ON cadence (moved_to_drip_at);

-- Every contact attempt. A touch logged on a lead keeps lead_id and gains contact_id when the lead
-- converts, so the contact's history includes everything that happened while it was a lead.
CREATE TABLE touch (
    id               UUID         NOT NULL,
    lead_id          UUID,
    contact_id       UUID,
    kind             VARCHAR(20)  NOT NULL,
    channel          VARCHAR(20)  NOT NULL,
    occurred_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    duration_seconds BIGINT       NOT NULL,
    outcome          VARCHAR(20)  NOT NULL,
    note             VARCHAR(10000),
    performed_by     VARCHAR(100),
    -- the person's source when the touch was made, for effectiveness by source
    source           VARCHAR(20),
    -- the n-th follow-up of the person's cadence; NULL for touches outside the cadence
    follow_up_number INTEGER,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_touch PRIMARY KEY (id),
    CONSTRAINT ck_touch_person CHECK (lead_id IS NOT NULL OR contact_id IS NOT NULL),
    CONSTRAINT fk_touch_lead FOREIGN KEY (lead_id) REFERENCES lead (id),
    CONSTRAINT fk_touch_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);

CREATE INDEX ix_touch_lead ON touch (lead_id, occurred_at, id);
CREATE INDEX ix_touch_contact ON touch (contact_id, occurred_at, id);
CREATE INDEX ix_touch_occurred ON touch (occurred_at, id);

-- A planned follow-up: one cadence step for one person, due at a time.
CREATE TABLE follow_up (
    id               UUID          NOT NULL,
    lead_id          UUID,
    contact_id       UUID,
    follow_up_number INTEGER       NOT NULL,
    cadence_step     INTEGER       NOT NULL,
    channel          VARCHAR(20)   NOT NULL,
    due_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    purpose          VARCHAR(500)  NOT NULL,
    owner            VARCHAR(100),
    -- SCHEDULED, COMPLETED, SKIPPED or CANCELLED
    state            VARCHAR(20)   NOT NULL,
    touch_id         UUID,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_follow_up PRIMARY KEY (id),
    CONSTRAINT ck_follow_up_person CHECK (lead_id IS NOT NULL OR contact_id IS NOT NULL),
    CONSTRAINT fk_follow_up_lead FOREIGN KEY (lead_id) REFERENCES lead (id),
    CONSTRAINT fk_follow_up_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_follow_up_touch FOREIGN KEY (touch_id) REFERENCES touch (id)
);

CREATE INDEX ix_follow_up_due ON follow_up (state, due_at, id);
CREATE INDEX ix_follow_up_lead ON follow_up (lead_id, state);
CREATE INDEX ix_follow_up_contact ON follow_up (contact_id, state);
