-- Issue 19, the work queue's opportunity lane and touches logged against a deal. Portable SQL: the
-- same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
--
-- The deal a queue entry works, when the entry is a deal's step rather than the cadence's.
ALTER TABLE queue_entry ADD COLUMN opportunity_id UUID;

-- The lane of deals (Lane.OPPORTUNITY) comes between the hot leads and the due follow-ups. Lanes are
-- stored as Lane.priority() (lanes count down from the top), so the three lanes above it, speed to
-- lead (7), sizzling (6) and hot (5), each move up by one; the due follow-ups (4) and the lanes below
-- keep theirs. Every entry keeps its place relative to every other.
UPDATE queue_entry SET lane_priority = lane_priority + 1 WHERE lane_priority >= 5;

-- The deal a touch was made for, if any: it still counts for its contact's cadence as every touch.
ALTER TABLE touch ADD COLUMN opportunity_id UUID;
ALTER TABLE touch ADD CONSTRAINT fk_touch_opportunity FOREIGN KEY (opportunity_id) REFERENCES opportunity (id);
CREATE INDEX ix_touch_opportunity ON touch (opportunity_id, occurred_at, id);
