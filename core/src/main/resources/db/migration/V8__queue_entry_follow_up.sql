-- The scheduled step a queue entry works, so a dialer can complete it straight from the queue.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
ALTER TABLE queue_entry ADD COLUMN follow_up_id UUID;
