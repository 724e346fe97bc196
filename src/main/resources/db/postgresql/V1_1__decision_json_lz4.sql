-- PostgreSQL only (quarkus.flyway.locations adds db/<db-kind>): compress the decision's JSON with
-- lz4 instead of pglz. A typical response is about 2.9 kB of JSON, so every row goes through the
-- TOAST compressor; with pglz that compression was a fifth of PostgreSQL's CPU time per decision
-- (bench/README.md, "Storage on PostgreSQL"). lz4 compresses about as well here, at a fraction of
-- the CPU. It changes how the bytes lie on disk, not what is stored: the text read back, and so
-- the hash chain, are the same. Rows written before keep pglz; PostgreSQL reads both.
-- A server built without lz4 (or older than 14) keeps its default: nothing to do then.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE decision ALTER COLUMN request_json SET COMPRESSION lz4,
                         ALTER COLUMN response_json SET COMPRESSION lz4;
  END IF;
END
$$;
