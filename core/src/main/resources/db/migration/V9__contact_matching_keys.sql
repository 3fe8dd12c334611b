-- Contacts carry the matching keys leads carry, so a sync finds the prospect or client a record is
-- before it would make a cold lead of them. The formulas are those of V3 and
-- io.hearth.core.dedup.DedupKeys.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
ALTER TABLE contact ADD COLUMN email_key VARCHAR(254);
ALTER TABLE contact ADD COLUMN name_key VARCHAR(420);
UPDATE contact SET email_key = LOWER(email) WHERE email IS NOT NULL;
UPDATE contact SET name_key = LOWER(COALESCE(given_name, '') || ' ' || COALESCE(family_name, '')) || '|'
    || LOWER(COALESCE(company, ''))
    WHERE given_name IS NOT NULL OR family_name IS NOT NULL;
CREATE INDEX ix_contact_email_key ON contact (email_key);
CREATE INDEX ix_contact_phone ON contact (phone);
CREATE INDEX ix_contact_name_key ON contact (name_key);
