-- The record holds (issue 16).
-- 1. Each decision's hash now covers every stored column a reader or replay uses (chain version 2:
--    also as_of, operation_id, purpose, outcome, ruleset_version, duration_micros and the
--    idempotency columns). Rows written before keep version 1 and are verified as they were hashed.
ALTER TABLE decision ADD COLUMN chain_version SMALLINT DEFAULT 1 NOT NULL;
-- 2. Retries: a client's Idempotency-Key, and the SHA-256 of the body it was sent with. A key names
--    one decision per client, for ever.
ALTER TABLE decision ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE decision ADD COLUMN idempotency_sha VARCHAR(64);
CREATE UNIQUE INDEX decision_idempotency ON decision (client, idempotency_key);
-- 3. Signed checkpoints of the chain: the Merkle tree head over the first tree_size records
--    (RFC 6962 hashing), signed with the service's Ed25519 key. A copy of each is also written
--    outside the database (lexgate.audit.dir/checkpoints.jsonl); verify trusts only the signature.
CREATE TABLE checkpoint (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    tree_size   BIGINT       NOT NULL,
    root_hash   VARCHAR(80)  NOT NULL,
    head_hash   VARCHAR(80)  NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id      VARCHAR(64)  NOT NULL,
    signature   VARCHAR(200) NOT NULL
);
CREATE INDEX checkpoint_size ON checkpoint (tree_size, signed_at);
