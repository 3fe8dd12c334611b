-- An audit entry's changed fields in the entry's own row (issue 17): one JSON array of
-- [field, old value, new value] per entry. A row per changed field (audit_change), with its two
-- index entries, was a quarter of a create's CPU on HSQLDB and one more statement per write on
-- PostgreSQL. Entries written before keep their rows in audit_change and are read from there
-- (changed_fields is null for them); nothing writes audit_change any more.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
ALTER TABLE audit_entry ADD COLUMN changed_fields VARCHAR(1000000);
