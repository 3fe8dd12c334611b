-- Row versions on lead profiles, and the speed-to-lead deadlines that were missed.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.

-- Bumped on every write of the profile; each write is UPDATE ... WHERE version = ?, so a re-rating
-- on one server never silently overwrites a qualification or a touch saved on another.
ALTER TABLE lead_profile ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
-- Bumped only when the qualification changes (not on re-rating): the qualification's etag.
ALTER TABLE lead_profile ADD COLUMN qualification_version BIGINT DEFAULT 1 NOT NULL;

-- One row per inbound lead whose response deadline passed before its first touch. The lead id is
-- the key, so however many servers notice the miss, it is recorded exactly once.
CREATE TABLE missed_deadline (
    lead_id      UUID         NOT NULL,
    -- the rep who owned the lead when the miss was recorded; NULL when nobody did
    owner        VARCHAR(100),
    source       VARCHAR(20)  NOT NULL,
    arrived_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deadline     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    recorded_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- the late first touch; NULL while the lead still waits for it
    responded_at TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_missed_deadline PRIMARY KEY (lead_id),
    CONSTRAINT fk_missed_deadline_lead FOREIGN KEY (lead_id) REFERENCES lead (id)
);

-- newest first, for the team and for one rep; owner leads the second index and its ORDER BY
CREATE INDEX ix_missed_deadline_arrived ON missed_deadline (arrived_at DESC, lead_id DESC);
CREATE INDEX ix_missed_deadline_owner ON missed_deadline (owner DESC, arrived_at DESC, lead_id DESC);

-- Misses already visible in the data: first touches that came after the deadline.
INSERT INTO missed_deadline (lead_id, owner, source, arrived_at, deadline, recorded_at, responded_at)
SELECT p.lead_id, l.owner, l.source, l.created_at, p.response_deadline, p.first_touch_at, p.first_touch_at
FROM lead_profile p JOIN lead l ON l.id = p.lead_id
WHERE p.response_deadline IS NOT NULL AND p.first_touch_at > p.response_deadline
    AND (l.archived_at IS NULL OR l.archived_at > p.response_deadline);

-- Leads still waiting for their first touch are re-rated at their deadline, which records a miss.
UPDATE lead_profile SET rating_valid_until = response_deadline
WHERE response_deadline IS NOT NULL AND first_touch_at IS NULL
    AND (rating_valid_until IS NULL OR rating_valid_until > response_deadline);
