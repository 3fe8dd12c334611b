-- A lead merged into another (one person entered twice) stays, archived, pointing at the lead
-- that absorbed it, so its history stays readable and old links to it still lead somewhere.
ALTER TABLE lead ADD COLUMN merged_into UUID;
ALTER TABLE lead ADD CONSTRAINT fk_lead_merged_into FOREIGN KEY (merged_into) REFERENCES lead (id);

-- A web-form inquiry from someone already in Hearth is entered anyway (speed to lead comes
-- first); this names the person it may be ("leads/{id}" or "contacts/{id}"), for the rep to merge.
ALTER TABLE lead ADD COLUMN possible_duplicate_of VARCHAR(50);
