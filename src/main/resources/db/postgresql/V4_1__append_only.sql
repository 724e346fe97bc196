-- PostgreSQL only: the legal record is append-only for every role, the service's included. A row of
-- decision, ruleset, ruleset_validation, ruleset_activation or checkpoint is inserted once and never
-- updated, deleted or truncated; chain_head (the lock and last link) and the replay tables move on
-- by design. (A superuser can still step around a trigger; the signed checkpoints kept outside the
-- database are what then shows the change: README, "Verifying the record".)
CREATE OR REPLACE FUNCTION lexgate_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: a legal record is never changed or removed', TG_TABLE_NAME
    USING ERRCODE = '42501';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER decision_append_only BEFORE UPDATE OR DELETE ON decision
  FOR EACH ROW EXECUTE FUNCTION lexgate_append_only();
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision
  FOR EACH STATEMENT EXECUTE FUNCTION lexgate_append_only();
CREATE TRIGGER ruleset_append_only BEFORE UPDATE OR DELETE ON ruleset
  FOR EACH ROW EXECUTE FUNCTION lexgate_append_only();
CREATE TRIGGER ruleset_no_truncate BEFORE TRUNCATE ON ruleset
  FOR EACH STATEMENT EXECUTE FUNCTION lexgate_append_only();
CREATE TRIGGER ruleset_validation_append_only BEFORE UPDATE OR DELETE ON ruleset_validation
  FOR EACH ROW EXECUTE FUNCTION lexgate_append_only();
CREATE TRIGGER ruleset_activation_append_only BEFORE UPDATE OR DELETE ON ruleset_activation
  FOR EACH ROW EXECUTE FUNCTION lexgate_append_only();
CREATE TRIGGER checkpoint_append_only BEFORE UPDATE OR DELETE ON checkpoint
  FOR EACH ROW EXECUTE FUNCTION lexgate_append_only();
