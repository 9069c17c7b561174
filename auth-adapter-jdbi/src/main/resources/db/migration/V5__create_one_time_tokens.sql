-- Whether the address of an account is proven to be its owner's. Existing accounts start unverified.
ALTER TABLE users ADD COLUMN email_verified BOOLEAN DEFAULT FALSE NOT NULL;

-- The tokens of password reset and e-mail verification links, by their SHA-256 only: a copy of this
-- table holds no usable link. A row is deleted when its token is spent or revoked.
CREATE TABLE one_time_tokens (
    token_hash VARCHAR(64)              NOT NULL,
    purpose    VARCHAR(32)              NOT NULL,
    user_id    VARCHAR(36)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT one_time_tokens_pk PRIMARY KEY (token_hash),
    CONSTRAINT one_time_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);
CREATE INDEX one_time_tokens_expires_idx ON one_time_tokens (expires_at);

-- Counted events of the hourly limits (messages per account, reset requests per client address),
-- shared by every instance. Rows older than the window are purged.
CREATE TABLE rate_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY,
    rate_key   VARCHAR(200)             NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rate_events_pk PRIMARY KEY (id)
);
CREATE INDEX rate_events_key_at_idx ON rate_events (rate_key, at);
CREATE INDEX rate_events_at_idx ON rate_events (at);
