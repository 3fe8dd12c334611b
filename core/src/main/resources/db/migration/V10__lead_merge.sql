-- A lead merged into another (one person entered twice) stays, archived, pointing at the lead
-- that absorbed it, so its history stays readable and old links to it still lead somewhere.
ALTER TABLE lead ADD COLUMN merged_into UUID;
ALTER TABLE lead ADD CONSTRAINT fk_lead_merged_into FOREIGN KEY (merged_into) REFERENCES lead (id);
