package lexgate.bench;

import lexgate.store.DecisionChain;
import lexgate.store.DecisionRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the decision table of a PostgreSQL database up to N rows, as the service would have: copies
 * of the latest stored decisions (same request, response and ruleset digest, each with a new id),
 * appended to the hash chain with the service's own {@link DecisionChain#hash} under the same lock
 * on the chain head, so the chain stays intact and the service appends after them. Uses COPY in
 * batches of 50,000 rows, one transaction each; the derived search index of each row (decision_term:
 * the template's rule and citation ids, as interned by the service in search_term) is copied in the
 * same transaction, as the service writes it with each decision.
 *
 * <p>Usage: {@code BulkLoad jdbc:postgresql://host:port/db user targetRows}
 */
public final class BulkLoad {
    static final int BATCH = 50_000;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private BulkLoad() {}

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1];
        long target = Long.parseLong(args[2]);
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            List<DecisionRecord> templates = templates(c);
            // Term ids read before any COPY starts: a connection in COPY IN cannot run a query (the
            // first version asked inside the COPY loop and hung the bulk load).
            java.util.Map<DecisionRecord, int[]> termIds = new java.util.IdentityHashMap<>();
            for (DecisionRecord t : templates) termIds.put(t, termIds(c, t));
            if (templates.isEmpty()) throw new IllegalStateException("no stored decision to copy");
            long have = count(c);
            c.commit();
            long todo = target - have;
            long start = System.nanoTime();
            Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(Math.max(todo, 0));
            long done = 0;
            while (done < todo) {
                int n = (int) Math.min(BATCH, todo - done);
                long seq;
                String prev;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE")) {
                    rs.next();
                    seq = rs.getLong(1);
                    prev = rs.getString(2);
                }
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY decision (id, seq, client, prev_hash, hash, evaluated_at, as_of, operation_id, purpose, outcome,"
                                + " ruleset_digest, ruleset_version, duration_micros, request_json, response_json,"
                                + " listed_controller, listed_rules) FROM STDIN WITH (FORMAT csv)");
                StringBuilder sb = new StringBuilder(1 << 20);
                List<String> ids = new ArrayList<>(n);
                long[] seqs = new long[n];
                List<int[]> terms = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    DecisionRecord t = templates.get((int) ((done + i) % templates.size()));
                    DecisionRecord r = new DecisionRecord();
                    r.evaluatedAt = base.plusMillis(done + i);
                    r.id = lexgate.decision.DecisionIds.next(r.evaluatedAt); // as the service makes them
                    r.seq = ++seq;
                    r.client = t.client;
                    r.asOf = t.asOf;
                    r.operationId = t.operationId;
                    r.purpose = t.purpose;
                    r.outcome = t.outcome;
                    r.rulesetDigest = t.rulesetDigest;
                    r.rulesetVersion = t.rulesetVersion;
                    r.durationMicros = t.durationMicros;
                    r.requestJson = t.requestJson;
                    r.responseJson = t.responseJson.replace(t.id, r.id);
                    r.prevHash = prev;
                    r.hash = DecisionChain.hash(r, prev);
                    prev = r.hash;
                    ids.add(r.id);
                    seqs[i] = r.seq;
                    terms.add(termIds.get(t));
                    csv(sb, r.id).append(',');
                    sb.append(r.seq).append(',');
                    csv(sb, r.client).append(',');
                    csv(sb, r.prevHash).append(',');
                    csv(sb, r.hash).append(',');
                    sb.append(r.evaluatedAt).append(',');
                    sb.append(r.asOf).append(',');
                    if (r.operationId != null) csv(sb, r.operationId);
                    sb.append(',');
                    csv(sb, r.purpose).append(',');
                    csv(sb, r.outcome).append(',');
                    csv(sb, r.rulesetDigest).append(',');
                    csv(sb, r.rulesetVersion).append(',');
                    sb.append(r.durationMicros).append(',');
                    csv(sb, r.requestJson).append(',');
                    csv(sb, r.responseJson).append(',');
                    // The listing columns as the service writes them (V7__decision_listing.sql).
                    if (t.listedController != null) csv(sb, t.listedController);
                    sb.append(',');
                    if (t.listedRules != null) csv(sb, t.listedRules);
                    sb.append('\n');
                    if (sb.length() > (1 << 20)) {
                        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(b, 0, b.length);
                        sb.setLength(0);
                    }
                }
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(b, 0, b.length);
                copy.endCopy();
                copyIndex(c, seqs, terms);
                try (PreparedStatement ps = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
                    ps.setLong(1, seq);
                    ps.setString(2, prev);
                    ps.executeUpdate();
                }
                c.commit();
                done += n;
            }
            System.out.printf("inserted %d rows (had %d, now %d) in %.1f s%n", Math.max(todo, 0), have, count(c),
                    (System.nanoTime() - start) / 1e9);
            c.commit();
        }
    }

    /** COPY of the derived index: (term_id, decision_seq) for each term of each row. */
    private static void copyIndex(Connection c, long[] seqs, List<int[]> terms) throws Exception {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY decision_term (term_id, decision_seq) FROM STDIN WITH (FORMAT csv)");
        StringBuilder sb = new StringBuilder(1 << 20);
        for (int i = 0; i < terms.size(); i++) {
            for (int t : terms.get(i)) sb.append(t).append(',').append(seqs[i]).append('\n');
            if (sb.length() > (1 << 20)) {
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(b, 0, b.length);
                sb.setLength(0);
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(b, 0, b.length);
        copy.endCopy();
    }

    /** The interned ids (search_term) of a template's rule ids and citation ids, each once. */
    private static int[] termIds(Connection c, DecisionRecord t) {
        java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM search_term WHERE kind = ? AND term = ?")) {
            for (String[] kt : kindsAndTerms(t)) {
                ps.setString(1, kt[0]);
                ps.setString(2, kt[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("the service never interned " + kt[0] + " " + kt[1]);
                    out.add(rs.getInt(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String[]> kindsAndTerms(DecisionRecord t) {
        List<String[]> out = new ArrayList<>();
        for (String r : t.rules) out.add(new String[] {"r", r});
        for (String ci : t.citations) out.add(new String[] {"c", ci});
        return out;
    }

    private static StringBuilder csv(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') sb.append('"');
            sb.append(ch);
        }
        return sb.append('"');
    }

    private static long count(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM decision")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<DecisionRecord> templates(Connection c) throws Exception {
        List<DecisionRecord> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, client, as_of, operation_id, purpose, outcome, ruleset_digest, ruleset_version, duration_micros,"
                        + " request_json, response_json FROM decision ORDER BY seq DESC LIMIT 100")) {
            while (rs.next()) {
                DecisionRecord r = new DecisionRecord();
                r.id = rs.getString(1);
                r.client = rs.getString(2);
                r.asOf = LocalDate.parse(rs.getString(3));
                r.operationId = rs.getString(4);
                r.purpose = rs.getString(5);
                r.outcome = rs.getString(6);
                r.rulesetDigest = rs.getString(7);
                r.rulesetVersion = rs.getString(8);
                r.durationMicros = rs.getLong(9);
                r.requestJson = rs.getString(10);
                r.responseJson = rs.getString(11);
                com.fasterxml.jackson.databind.JsonNode response = MAPPER.readTree(r.responseJson);
                r.rules = lexgate.store.DecisionIndex.rules(response);
                r.citations = lexgate.store.DecisionIndex.citations(response);
                r.listedController = lexgate.store.ListedValues.controllerName(MAPPER.getFactory(), r.requestJson);
                r.listedRules = lexgate.store.ListedValues.joinRules(r.rules);
                out.add(r);
            }
        }
        return out;
    }
}
