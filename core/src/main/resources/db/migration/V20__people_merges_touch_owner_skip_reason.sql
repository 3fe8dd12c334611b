-- Issue 16, the rest for leads and contacts. Portable SQL: the same script runs on HSQLDB and
-- PostgreSQL and feeds jOOQ's code generator.
--
-- Whose a person was when a touch was made: follow-up statistics credit that rep, so reassigning a
-- lead or contact later does not move its history to the new owner. Touches made before this
-- column take the person's owner now (the contact's, for a touch on a lead that converted): the
-- best that is known.
ALTER TABLE touch ADD COLUMN owner VARCHAR(100);
UPDATE touch SET owner = (SELECT contact.owner FROM contact WHERE contact.id = touch.contact_id)
    WHERE contact_id IS NOT NULL;
UPDATE touch SET owner = (SELECT lead.owner FROM lead WHERE lead.id = touch.lead_id)
    WHERE contact_id IS NULL;
CREATE INDEX ix_touch_owner ON touch (owner, occurred_at);

-- Why a rep skipped a follow-up step, when they said (hearth followups skip --reason).
ALTER TABLE follow_up ADD COLUMN skip_reason VARCHAR(500);

-- A contact merged into another contact of the same person (MergeContacts) stays, archived, naming
-- the contact that absorbed it ("contacts/{id}"), as lead.merged_into does for leads: its history
-- stays readable, and syncs and hand entry that match it find the survivor instead.
ALTER TABLE contact ADD COLUMN merged_into VARCHAR(50);
