-- The client of a decision is "key:<id>" or "jwt:<sub>". OpenID Connect allows a subject of up to
-- 255 ASCII characters (Core 1.0, section 2), so "jwt:" + sub needs 259; VARCHAR(200) refused long
-- subjects at commit time. Widening a VARCHAR rewrites nothing on PostgreSQL or H2.
ALTER TABLE decision ALTER COLUMN client SET DATA TYPE VARCHAR(300);
