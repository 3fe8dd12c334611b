-- What the temperature model knows about a lead beyond its contact data, and what it concluded.
-- One row per lead, written in the same transaction as every change that can move the rating.
CREATE TABLE lead_profile (
    lead_id              UUID          NOT NULL,
    need_by              DATE,
    value_amount         DECIMAL(19,4),
    value_currency       CHAR(3),
    referral             VARCHAR(10)   NOT NULL,
    budget               VARCHAR(10)   NOT NULL,
    authority            VARCHAR(10)   NOT NULL,
    need                 VARCHAR(10)   NOT NULL,
    timescale            VARCHAR(10)   NOT NULL,
    qualification_note   VARCHAR(2000),
    lead_level           SMALLINT      NOT NULL,
    override_temperature VARCHAR(10),
    override_reason      VARCHAR(500),
    override_by          VARCHAR(100),
    override_at          TIMESTAMP(6) WITH TIME ZONE,
    -- speed to lead: when the first touch is due, and when it came
    response_deadline    TIMESTAMP(6) WITH TIME ZONE,
    first_touch_at       TIMESTAMP(6) WITH TIME ZONE,
    last_touch_at        TIMESTAMP(6) WITH TIME ZONE,
    last_conversation_at TIMESTAMP(6) WITH TIME ZONE,
    last_positive_at     TIMESTAMP(6) WITH TIME ZONE,
    next_meeting_at      TIMESTAMP(6) WITH TIME ZONE,
    model_temperature    VARCHAR(10)   NOT NULL,
    sizzling             BOOLEAN       NOT NULL,
    probability          DOUBLE PRECISION NOT NULL,
    -- one reason per line, in the order they weighed
    reasons              VARCHAR(4000) NOT NULL,
    rated_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- when the passing of time alone can change the rating; re-rated then
    rating_valid_until   TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_lead_profile PRIMARY KEY (lead_id),
    CONSTRAINT fk_lead_profile_lead FOREIGN KEY (lead_id) REFERENCES lead (id)
);

CREATE INDEX ix_lead_profile_valid_until ON lead_profile (rating_valid_until);

-- The work queue, materialized: one row per person who should be worked, kept current by every
-- change. Lanes and ranks are stored so that "next 50 for alice" is one descending index walk.
CREATE TABLE queue_entry (
    person_id     UUID         NOT NULL,
    person_kind   VARCHAR(10)  NOT NULL,
    owner         VARCHAR(100),
    display_name  VARCHAR(320) NOT NULL,
    -- higher first: speed to lead, sizzling, hot, due follow-up, warm, cool, cold
    lane_priority SMALLINT     NOT NULL,
    -- higher first within a lane
    queue_rank    BIGINT       NOT NULL,
    -- the entry shows from this time on (a follow-up's due time)
    visible_from  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deadline      TIMESTAMP(6) WITH TIME ZONE,
    action        VARCHAR(20)  NOT NULL,
    channel       VARCHAR(20)  NOT NULL,
    reasons       VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_queue_entry PRIMARY KEY (person_id)
);

-- owner leads the index and the ORDER BY too: HSQLDB only stops early when the ORDER BY names
-- every index column, equality-bound ones included
CREATE INDEX ix_queue_owner ON queue_entry (owner DESC, lane_priority DESC, queue_rank DESC, person_id DESC);
CREATE INDEX ix_queue_team ON queue_entry (lane_priority DESC, queue_rank DESC, person_id DESC);
