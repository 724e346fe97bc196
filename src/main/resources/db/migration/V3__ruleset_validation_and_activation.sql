-- A ruleset serves only once it was validated (compiled behind the rule-file walls, every rule
-- reached by a scenario, every scenario passing). Validations and activations are records of their
-- own, appended and never changed, like the rulesets and decisions they refer to: a ruleset row is
-- written once, so what it was validated and activated as lives beside it.
CREATE TABLE ruleset_validation (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    digest       VARCHAR(80)  NOT NULL REFERENCES ruleset (digest),
    validated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    validated_by VARCHAR(300) NOT NULL,
    valid        BOOLEAN      NOT NULL,
    summary_json VARCHAR      NOT NULL
);
CREATE INDEX ruleset_validation_digest ON ruleset_validation (digest, validated_at);

-- Activations (at start, by reload, or by digest) in order, with who made them: GET /v1/rulesets
-- shows what served when, and a rollback is an activation of an earlier digest.
CREATE TABLE ruleset_activation (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    seq             BIGINT       NOT NULL UNIQUE,
    digest          VARCHAR(80)  NOT NULL REFERENCES ruleset (digest),
    activated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_by    VARCHAR(300) NOT NULL,
    via             VARCHAR(16)  NOT NULL,
    previous_digest VARCHAR(80)
);
CREATE INDEX ruleset_version ON ruleset (version);
