-- The serialization point for "is this person new?". Every writer that may add a person (hand
-- entry, an edit that brings in a new email, phone or name, a sync batch) locks the rows of the
-- matching keys it carries before it looks them up, creating the rows it needs, and keeps the
-- locks to its commit. A second writer with one of those keys waits, then sees the first one's
-- person. A row is a 64-bit hash of a key, not the key: a collision only makes two writers take
-- turns that did not need to, and the rows stay small. The people themselves keep no unique
-- constraint on their keys, so allow_duplicate can still enter a second person sharing one.
CREATE TABLE person_key_claim (
    key_hash BIGINT NOT NULL,
    CONSTRAINT pk_person_key_claim PRIMARY KEY (key_hash)
);
