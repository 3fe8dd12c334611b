-- Which Hearth deal a connector's deal record is (a HubSpot deal id, a Salesforce Opportunity id, a
-- Pipedrive deal id, a spreadsheet's Deal ID), so reading it again updates that deal instead of
-- opening a second one. The deals' counterpart of external_id (V3), which links people.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
CREATE TABLE opportunity_link (
    connector      VARCHAR(64)  NOT NULL,
    external_id    VARCHAR(255) NOT NULL,
    opportunity_id UUID         NOT NULL,
    linked_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_opportunity_link PRIMARY KEY (connector, external_id),
    CONSTRAINT fk_opportunity_link_opportunity FOREIGN KEY (opportunity_id) REFERENCES opportunity (id)
);
-- a deal's links, for writing it back under its id in the destination
CREATE INDEX ix_opportunity_link_opportunity ON opportunity_link (opportunity_id);
