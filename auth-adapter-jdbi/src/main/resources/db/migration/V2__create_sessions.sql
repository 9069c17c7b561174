-- One row per login, whatever the number of refreshes: refresh_jti is the one refresh token that
-- may be spent next.
CREATE TABLE sessions (
    id                 VARCHAR(36)              NOT NULL,
    user_id            VARCHAR(36)              NOT NULL,
    refresh_jti        VARCHAR(36)              NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    refresh_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    user_agent         VARCHAR(512),
    ip                 VARCHAR(64),
    ended_at           TIMESTAMP WITH TIME ZONE,
    end_reason         VARCHAR(32),
    CONSTRAINT sessions_pk PRIMARY KEY (id),
    CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
