-- Signing keys shared by every instance. jwk holds the private key: protect the database and its backups.
CREATE TABLE signing_keys (
    kid        VARCHAR(64)              NOT NULL,
    algorithm  VARCHAR(16)              NOT NULL,
    jwk        VARCHAR(8192)            NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT signing_keys_pk PRIMARY KEY (kid)
);
