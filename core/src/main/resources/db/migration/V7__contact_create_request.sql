-- Idempotent CreateContact: the request id of the call that made the row, as leads have had since V1.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
ALTER TABLE contact ADD COLUMN create_request_id VARCHAR(100);
ALTER TABLE contact ADD CONSTRAINT uq_contact_create_request UNIQUE (create_request_id);
