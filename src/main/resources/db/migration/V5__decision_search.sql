-- Finding stored decisions (issue 19): GET /v1/decisions filters on outcome, purpose, rule,
-- citation, operation id, client, storage time and asOf, newest first.
--
-- decision_rule and decision_citation are DERIVED INDEXES of the decision table: the rule ids and
-- citation ids of each decision's reasons and obligations, which otherwise live only inside
-- response_json. They are written in the same transaction as the decision row they index, but they
-- are NOT part of the record: they are not hashed, not chained, not append-only, and
-- lexgate.audit.RecordVerifier never reads them. The decision row (and its hash) stays the record;
-- these rows can always be rebuilt from its response_json. No foreign key to decision either: the
-- record's tables keep exactly the constraints they had (what an audit drill or a bulk load does to
-- them is unchanged), and the writer fills both in the decision's own transaction.
CREATE TABLE decision_rule (
    decision_seq BIGINT       NOT NULL,
    decision_id  VARCHAR(36)  NOT NULL,
    rule         VARCHAR(512) NOT NULL,
    PRIMARY KEY (rule, decision_seq)
);
CREATE INDEX decision_rule_decision ON decision_rule (decision_seq);

CREATE TABLE decision_citation (
    decision_seq BIGINT       NOT NULL,
    decision_id  VARCHAR(36)  NOT NULL,
    citation     VARCHAR(512) NOT NULL,
    PRIMARY KEY (citation, decision_seq)
);
CREATE INDEX decision_citation_decision ON decision_citation (decision_seq);

-- Indexes on the decision table itself for the usual filters, each ending in seq: the listing is
-- newest first (seq descending) and pages with a cursor on seq. Indexes are not data: the append-only
-- triggers and the chain are untouched.
CREATE INDEX decision_outcome_seq   ON decision (outcome, seq);
CREATE INDEX decision_purpose_seq   ON decision (purpose, seq);
CREATE INDEX decision_as_of_seq     ON decision (as_of, seq);
CREATE INDEX decision_operation_seq ON decision (operation_id, seq);
CREATE INDEX decision_client_seq    ON decision (client, seq);

-- Decisions stored before this migration get their index rows from the service at start-up
-- (lexgate.store.DecisionIndex reads each response_json; SQL alone cannot, portably): it works
-- through seq 1 .. upto and records how far it got in done_to.
CREATE TABLE decision_index_backfill (
    id      INTEGER NOT NULL PRIMARY KEY,
    done_to BIGINT  NOT NULL,
    upto    BIGINT  NOT NULL
);
INSERT INTO decision_index_backfill (id, done_to, upto) SELECT 1, 0, COALESCE(MAX(seq), 0) FROM decision;

-- Impact analyses a reviewer can hand over: who started one, and what it compared against
-- ('stored': each decision's stored result; 'active': the ruleset active when it started).
ALTER TABLE replay ADD COLUMN created_by VARCHAR(300);
ALTER TABLE replay ADD COLUMN baseline VARCHAR(16);
ALTER TABLE replay ADD COLUMN baseline_digest VARCHAR(80);
CREATE INDEX replay_created ON replay (kind, created_at);
