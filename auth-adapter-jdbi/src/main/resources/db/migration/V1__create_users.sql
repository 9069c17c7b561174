-- Accounts. username_key and email_key are the case-folded forms the domain computes; their unique
-- constraints make uniqueness hold under concurrent registrations on any number of instances.
CREATE TABLE users (
    id            VARCHAR(36)              NOT NULL,
    username      VARCHAR(150)             NOT NULL,
    username_key  VARCHAR(600)             NOT NULL,
    email         VARCHAR(254)             NOT NULL,
    email_key     VARCHAR(254)             NOT NULL,
    password_hash VARCHAR(100)             NOT NULL,
    active        BOOLEAN                  NOT NULL,
    date_joined   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT users_pk PRIMARY KEY (id),
    CONSTRAINT users_username_key_uq UNIQUE (username_key),
    CONSTRAINT users_email_key_uq UNIQUE (email_key)
);
