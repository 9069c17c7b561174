-- Security-relevant events, for operators. No foreign key to users: the trail outlives what it
-- describes, and failed logins name no user. Never a password, token or hash in any column.
CREATE TABLE audit_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    type       VARCHAR(32)              NOT NULL,
    user_id    VARCHAR(36),
    session_id VARCHAR(36),
    ip         VARCHAR(64),
    user_agent VARCHAR(512),
    detail     VARCHAR(256),
    CONSTRAINT audit_events_pk PRIMARY KEY (id)
);
-- "What happened to this account", newest first.
CREATE INDEX audit_events_user_at_idx ON audit_events (user_id, at);
-- The retention purge deletes by time alone.
CREATE INDEX audit_events_at_idx ON audit_events (at);
