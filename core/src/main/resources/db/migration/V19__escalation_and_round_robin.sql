-- Speed-to-lead escalation and round-robin assignment (issue 16, rule 5).
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.

-- A team's settings. A team is the name on its members' tokens; it gets a row here when a manager
-- first changes a setting or its round robin first hands out a lead.
CREATE TABLE team_setting (
    team                  VARCHAR(100) NOT NULL,
    -- reassign an untouched inbound lead to the next available rep once its deadline passed
    reassign_missed_leads BOOLEAN      DEFAULT FALSE NOT NULL,
    -- round robin: the rep who got the team's last lead; the next one gets the following lead.
    -- Every assignment updates this row first, which locks it: two servers never hand out one turn twice.
    last_assigned         VARCHAR(100),
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_by            VARCHAR(100) NOT NULL,
    CONSTRAINT pk_team_setting PRIMARY KEY (team)
);

-- Reps who are out (holiday, sick, off shift): round robin skips them. Back means the row goes.
CREATE TABLE team_rep_out (
    team      VARCHAR(100) NOT NULL,
    user_name VARCHAR(100) NOT NULL,
    out_since TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    set_by    VARCHAR(100) NOT NULL,
    CONSTRAINT pk_team_rep_out PRIMARY KEY (team, user_name)
);

-- One row per inbound lead escalated as about to miss its response deadline. The lead id is the
-- key, so however many servers notice, a lead is escalated once; settled_at is set by a
-- conditional update (WHERE settled_at IS NULL), so the decision to reassign is also taken once.
CREATE TABLE lead_escalation (
    lead_id       UUID         NOT NULL,
    -- the team that sees it: the owner's, or for an unowned lead the team that takes inbound leads
    team          VARCHAR(100),
    -- the rep who owned the lead when it was escalated; NULL when nobody did
    owner         VARCHAR(100),
    display_name  VARCHAR(320) NOT NULL,
    deadline      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    escalated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    reason        VARCHAR(500) NOT NULL,
    -- when the deadline passed and Hearth decided whether to reassign; NULL until then
    settled_at    TIMESTAMP(6) WITH TIME ZONE,
    -- the rep the lead was reassigned to then; NULL when it was not
    reassigned_to VARCHAR(100),
    CONSTRAINT pk_lead_escalation PRIMARY KEY (lead_id),
    CONSTRAINT fk_lead_escalation_lead FOREIGN KEY (lead_id) REFERENCES lead (id)
);

CREATE INDEX ix_lead_escalation_escalated ON lead_escalation (escalated_at);
CREATE INDEX ix_lead_escalation_unsettled ON lead_escalation (settled_at, deadline);

-- One row per unowned inbound lead the round robin gave a rep on arrival: once per lead.
CREATE TABLE lead_arrival_assignment (
    lead_id     UUID         NOT NULL,
    team        VARCHAR(100) NOT NULL,
    assigned_to VARCHAR(100) NOT NULL,
    assigned_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_lead_arrival_assignment PRIMARY KEY (lead_id),
    CONSTRAINT fk_lead_arrival_assignment_lead FOREIGN KEY (lead_id) REFERENCES lead (id)
);

-- the escalation job looks for deadlines drawing near among the leads awaiting their first touch
CREATE INDEX ix_lead_profile_deadline ON lead_profile (response_deadline);
