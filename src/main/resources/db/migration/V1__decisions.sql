-- Decisions are legal records: rows are inserted once and never updated or deleted.
-- Every ruleset the service ever loads is stored with every file's path and content, so a stored
-- decision can be replayed against exactly the rules that made it.
CREATE TABLE ruleset (
    digest          VARCHAR(80)  NOT NULL PRIMARY KEY,
    version         VARCHAR(128) NOT NULL,
    first_loaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    rule_count      INTEGER      NOT NULL,
    files_json      VARCHAR      NOT NULL
);
CREATE INDEX ruleset_loaded ON ruleset (first_loaded_at);

-- Decisions form a hash chain: each row's hash covers its canonical content and the previous
-- row's hash, in the order of seq; chain_head holds the last link and is locked while a decision
-- is appended, so the order stays correct under concurrent requests and across instances.
CREATE TABLE decision (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    seq             BIGINT       NOT NULL UNIQUE,
    client          VARCHAR(200) NOT NULL,
    prev_hash       VARCHAR(80)  NOT NULL,
    hash            VARCHAR(80)  NOT NULL,
    evaluated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    as_of           DATE         NOT NULL,
    operation_id    VARCHAR(512),
    purpose         VARCHAR(128) NOT NULL,
    outcome         VARCHAR(16)  NOT NULL,
    ruleset_digest  VARCHAR(80)  NOT NULL REFERENCES ruleset (digest),
    ruleset_version VARCHAR(128) NOT NULL,
    duration_micros BIGINT       NOT NULL,
    request_json    VARCHAR      NOT NULL,
    response_json   VARCHAR      NOT NULL
);
CREATE INDEX decision_evaluated_at ON decision (evaluated_at, id);
CREATE INDEX decision_ruleset ON decision (ruleset_digest);

CREATE TABLE chain_head (
    id   INTEGER     NOT NULL PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(80) NOT NULL
);
INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, 'sha256:genesis');

-- API keys: only a hash of each key is stored; a revoked key stays for the record.
CREATE TABLE api_key (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    key_hash   VARCHAR(80)  NOT NULL UNIQUE,
    roles      VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);

-- Replays (one decision, or an impact analysis over many) and the decisions whose result changed.
CREATE TABLE replay (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(16)  NOT NULL,
    target_digest VARCHAR(80)  NOT NULL REFERENCES ruleset (digest),
    filter_json   VARCHAR      NOT NULL,
    total         BIGINT       NOT NULL,
    processed     BIGINT       NOT NULL,
    changed       BIGINT       NOT NULL,
    failed        BIGINT       NOT NULL,
    flips_json    VARCHAR      NOT NULL,
    error         VARCHAR(2000)
);

CREATE TABLE replay_change (
    replay_id      VARCHAR(36) NOT NULL REFERENCES replay (id),
    decision_id    VARCHAR(36) NOT NULL REFERENCES decision (id),
    outcome_before VARCHAR(16) NOT NULL,
    outcome_after  VARCHAR(16) NOT NULL,
    diff_json      VARCHAR     NOT NULL,
    PRIMARY KEY (replay_id, decision_id)
);
