-- The values a search lists that live only inside a decision's JSON (issue 22): the controller's
-- name (request_json) and the rule ids of the reasons, then the obligations (response_json).
-- Measured at 1,000,000 stored decisions (bench/profiles/profile-search-1M-0ffdb4b.html), about
-- half of a search's CPU went to fetching and decoding the two JSON documents of each listed row to
-- show these two values. With them in columns a page reads no JSON.
--
-- Like decision_term (V6), these are DERIVED from the record: written in the decision's own INSERT,
-- not part of the hash (the JSON they come from is), never updated. lexgate.audit.RecordVerifier
-- checks that each equals what the hashed JSON says, so a forged listing value is found as a
-- tampered record. NULL in a row stored before this migration (PostgreSQL's append-only trigger
-- forbids filling them in): the search then reads that row's JSON, as before.
--   listed_controller: request controller.name (NULL also when the request has none; see listed_rules)
--   listed_rules:      the distinct rule ids joined by a line feed ('' when there are none); NULL only
--                      in rows stored before V7, or when a rule id itself holds a line feed
ALTER TABLE decision ADD COLUMN listed_controller VARCHAR;
ALTER TABLE decision ADD COLUMN listed_rules VARCHAR;
