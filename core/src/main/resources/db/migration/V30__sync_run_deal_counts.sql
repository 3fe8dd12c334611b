-- What a run's write-back step wrote of the deals (issue 19): deals created or updated in the CRM,
-- and those it refused (also counted in records_rejected), beside the people and touches (V18).
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
ALTER TABLE sync_run ADD COLUMN deals_written BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_run ADD COLUMN deals_failed BIGINT DEFAULT 0 NOT NULL;
