-- The closed leads (converted or unqualified), newest first, per status: the probability model
-- learns from the newest of them at every start and every hour. Without it that read scans every
-- lead, open ones included (at 1,000,000 leads, seconds of work that fill HSQLDB's row cache with
-- leads and push the queue's rows out of it). All keys descending, as HSQLDB walks an index in
-- one direction only and stops early when the ORDER BY names every column.
CREATE INDEX ix_lead_status_updated ON lead (status DESC, updated_at DESC, id DESC);
