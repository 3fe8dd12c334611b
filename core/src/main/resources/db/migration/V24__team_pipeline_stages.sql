-- A team's own sales pipeline (issue 19): the open stages its deals move through, in order. The two
-- closing stages (closed_won 100 %, closed_lost 0 %) are fixed and not stored. A team with no rows
-- here uses the default pipeline. Portable SQL: the same script runs on HSQLDB and PostgreSQL and
-- feeds jOOQ's code generator.
CREATE TABLE team_pipeline_stage (
    team         VARCHAR(100) NOT NULL,
    -- 0 for the first open stage, then one more per stage
    seq          INTEGER      NOT NULL,
    -- the stage's key, as deals and the API name it (lower-case letters, digits, '_')
    stage        VARCHAR(40)  NOT NULL,
    display_name VARCHAR(100) NOT NULL,
    -- the chance, in percent, that a deal in this stage is won
    probability  INTEGER      NOT NULL,
    -- days a deal may sit in the stage before it counts as stalled
    stall_days   INTEGER      NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_by   VARCHAR(100) NOT NULL,
    CONSTRAINT pk_team_pipeline_stage PRIMARY KEY (team, seq),
    CONSTRAINT uq_team_pipeline_stage UNIQUE (team, stage),
    CONSTRAINT ck_team_pipeline_stage_probability CHECK (probability BETWEEN 0 AND 100),
    CONSTRAINT ck_team_pipeline_stage_stall CHECK (stall_days >= 0)
);
