-- One row that the server rewrites to learn whether the database takes writes again after its
-- storage failed (a full disk, say). Repeatable and idempotent: it is not part of the versioned schema.
CREATE TABLE IF NOT EXISTS write_probe (
    id        INTEGER PRIMARY KEY,
    probed_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO write_probe (id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM write_probe WHERE id = 1);
