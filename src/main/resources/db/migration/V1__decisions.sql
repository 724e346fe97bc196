-- Decisions are legal records: rows are inserted once and never updated or deleted.
CREATE TABLE decision (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    evaluated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    as_of           DATE         NOT NULL,
    operation_id    VARCHAR(512),
    purpose         VARCHAR(128) NOT NULL,
    outcome         VARCHAR(16)  NOT NULL,
    ruleset_digest  VARCHAR(80)  NOT NULL,
    ruleset_version VARCHAR(128) NOT NULL,
    duration_micros BIGINT       NOT NULL,
    request_json    VARCHAR      NOT NULL,
    response_json   VARCHAR      NOT NULL
);
CREATE INDEX decision_evaluated_at ON decision (evaluated_at);
CREATE INDEX decision_ruleset ON decision (ruleset_digest);
