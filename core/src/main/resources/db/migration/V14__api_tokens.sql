-- API tokens (issue 14). A caller sends the token as "authorization: Bearer <token>"; only the
-- SHA-256 of the token (64 hex characters) is kept, so a copy of the database lets nobody call the
-- API, and checking a call is one lookup by the unique hash. Rows are never deleted: a revoked or
-- expired token stays listed, and any row at all switches authentication on for every server.
-- Portable SQL: the same script runs on HSQLDB and PostgreSQL and feeds jOOQ's code generator.
CREATE TABLE api_token (
    id          VARCHAR(64)  NOT NULL,
    user_name   VARCHAR(100) NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    team        VARCHAR(100),
    token_hash  CHAR(64)     NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(100) NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE,
    revoked_at  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_api_token PRIMARY KEY (id),
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
    CONSTRAINT ck_api_token_role CHECK (role IN ('REP', 'MANAGER', 'ADMIN'))
);
