-- PostgreSQL only: the citation filter of GET /v1/decisions matches an id prefix
-- (citation = 'eu-gdpr:A6' OR citation LIKE 'eu-gdpr:A6-%'); under a non-C collation a plain btree
-- cannot serve LIKE, varchar_pattern_ops can. A derived index (see V5), not part of the record.
CREATE INDEX decision_citation_prefix ON decision_citation (citation varchar_pattern_ops, decision_seq);
