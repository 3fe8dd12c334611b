-- Issue 19: work a server does once as it starts after an upgrade (placing the queue entries of
-- deals stored before the opportunity lane). A pass that went through to its end is recorded here,
-- so a later start, by this server or another on the same database, does nothing. Portable SQL:
-- the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
CREATE TABLE start_pass (
    name    VARCHAR(100) NOT NULL,
    done_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_start_pass PRIMARY KEY (name)
);
