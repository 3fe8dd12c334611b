-- A lead merged into another lead or into a contact (one person entered twice) stays, archived,
-- naming what absorbed it ("leads/{id}" or "contacts/{id}"), so its history stays readable and
-- old links to it still lead somewhere. A name rather than a foreign key: it may name either
-- table, and it spares every lead insert a foreign-key trigger for a column that is almost
-- always empty. Leads and contacts are never deleted, so the name stays good.
ALTER TABLE lead ADD COLUMN merged_into VARCHAR(50);

-- A web-form inquiry from someone already in Hearth is entered anyway (speed to lead comes
-- first); this names the person it may be ("leads/{id}" or "contacts/{id}"), for the rep to merge.
ALTER TABLE lead ADD COLUMN possible_duplicate_of VARCHAR(50);
