-- CRM deletions and merges, and write-back counts (issue 15). Portable SQL: the same script runs on
-- HSQLDB and PostgreSQL and feeds jOOQ's code generator.
--
-- Why a person was archived when it was not by hand: a CRM connection archives the person whose
-- record the CRM deleted or merged away ("deleted in hubspot", "merged in salesforce into 003..."),
-- since Hearth never deletes people. Cleared when the person is restored.
ALTER TABLE lead ADD COLUMN archive_reason VARCHAR(500);
ALTER TABLE contact ADD COLUMN archive_reason VARCHAR(500);

-- What a run did beyond creating and updating people: records archived because the source deleted
-- or merged them, and what its write-back step wrote to the CRM or had refused.
ALTER TABLE sync_run ADD COLUMN records_archived BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN people_written BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN people_failed BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN touches_written BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN touches_failed BIGINT DEFAULT 0 NOT NULL;
