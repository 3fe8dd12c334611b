-- Who started a sync run (issue 14): the user of the token that asked for it. A manager reads the
-- runs they and the members of their team started, and no other: a run's rejected records hold
-- the rows of the file, whoever's people they are. Runs without a starter (a connection's
-- scheduled runs, a server open to local callers, runs made before this column) are an admin's.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
ALTER TABLE sync_run ADD COLUMN started_by VARCHAR(100);
