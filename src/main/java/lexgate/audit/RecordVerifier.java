package lexgate.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import lexgate.rules.RulesetCompiler;
import lexgate.rules.SourceFile;
import lexgate.store.DecisionChain;
import lexgate.store.DecisionRecord;
import lexgate.store.ListedValues;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the whole record without trusting the database: every decision's hash recomputed over
 * every column (chain version 2), the listing columns against the JSON they come from, every link
 * to the previous record, the chain head, every stored ruleset's digest recomputed from its files,
 * and the Merkle root of the records against the latest
 * checkpoint signed with the service's key (from the log outside the database, or the database
 * copy; only a trusted signature counts). A rewrite with every hash recomputed, or a cut tail, is
 * found by the checkpoint.
 */
@ApplicationScoped
public class RecordVerifier {
    @Inject
    DataSource dataSource;

    @Inject
    Checkpoints checkpoints;

    @Inject
    ObjectMapper mapper;

    /**
     * The result: {@code intact} when nothing is wrong; how many records and rulesets were checked;
     * the first record that does not match (as before); every problem found; the checkpoint used.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RecordVerification")
    public record Result(boolean intact, long verified,
                         @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true,
                                 description = "the first record that does not match, null when none") Map<String, Object> firstMismatch,
                         List<String> problems, long rulesetsVerified,
                         @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true,
                                 description = "the latest trusted checkpoint, null when none was signed") Checkpoints.Checkpoint checkpoint) {}

    /** Walks and checks everything. */
    public Result verify() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> first = null;
        long verified = 0;
        long rulesetsVerified;
        byte[] leaves;
        try (Connection c = dataSource.getConnection()) {
            long headSeq;
            String headHash;
            try (PreparedStatement q = c.prepareStatement("SELECT seq, hash FROM chain_head WHERE id = 1");
                 ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("no chain head");
                headSeq = rs.getLong(1);
                headHash = rs.getString(2);
            }
            long count;
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*), MAX(seq) FROM decision"); ResultSet rs = q.executeQuery()) {
                rs.next();
                count = Math.max(rs.getLong(1), rs.getLong(2));
            }
            leaves = new byte[(int) Math.max(count, 0) * 32];
            String prev = DecisionChain.GENESIS;
            long expected = 1;
            try (PreparedStatement q = c.prepareStatement("SELECT id, seq, client, prev_hash, hash, evaluated_at, as_of, operation_id,"
                    + " purpose, outcome, ruleset_digest, ruleset_version, duration_micros, request_json, response_json,"
                    + " chain_version, idempotency_key, idempotency_sha, listed_controller, listed_rules FROM decision ORDER BY seq")) {
                q.setFetchSize(1_000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        DecisionRecord r = read(rs);
                        String problem = null;
                        if (r.seq != expected) {
                            problem = r.seq < expected ? "its position " + r.seq + " repeats an earlier one"
                                    : "record " + expected + " of the chain is missing (or records were reordered)";
                        } else if (!r.prevHash.equals(prev)) {
                            problem = "its link to the previous record is broken (records removed, inserted or reordered)";
                        } else if (!DecisionChain.hash(r, prev).equals(r.hash)) {
                            problem = "its content (a column, the request or the response) does not match its hash";
                        }
                        if (problem != null) {
                            if (first == null) first = mismatch(r, problem);
                            problems.add("record " + r.seq + " (" + r.id + "): " + problem);
                            break;
                        }
                        // The listing columns are not hashed: they must say what the hashed JSON says
                        // (V7__decision_listing.sql). A forged one is named, and the walk goes on: the
                        // chain itself is unbroken.
                        String listing = ListedValues.mismatch(mapper.getFactory(), rs.getString(19), rs.getString(20),
                                r.requestJson, r.responseJson);
                        if (listing != null) {
                            if (first == null) first = mismatch(r, listing);
                            problems.add("record " + r.seq + " (" + r.id + "): " + listing);
                        }
                        System.arraycopy(Merkle.leaf(r.hash), 0, leaves, (int) (r.seq - 1) * 32, 32);
                        prev = r.hash;
                        expected++;
                        verified++;
                    }
                }
            }
            if (first == null && (headSeq != verified || !headHash.equals(prev))) {
                first = new LinkedHashMap<>(Map.of("seq", headSeq, "problem", "the chain ends at record " + verified
                        + " but its head says " + headSeq + (headSeq > verified ? ": records were removed" : ": the head was moved back")));
                problems.add("the chain head (" + headSeq + ") does not match the last record (" + verified + ")");
            }
            RulesetCheck rc = rulesets(c);
            problems.addAll(rc.problems());
            rulesetsVerified = rc.count();
        } catch (SQLException e) {
            throw new IllegalStateException("the record cannot be read: " + e.getSQLState(), e);
        }
        Optional<Checkpoints.Checkpoint> cp = checkpoints.latestTrusted();
        for (Checkpoints.Checkpoint untrusted : untrustedInDatabase()) {
            problems.add("a checkpoint of " + untrusted.treeSize() + " records in the database is not signed by a trusted key");
        }
        if (cp.isPresent()) {
            Checkpoints.Checkpoint k = cp.get();
            if (k.treeSize() > verified) {
                problems.add("the checkpoint signed " + k.signedAt() + " covers " + k.treeSize() + " records, but only " + verified
                        + " verify: records were removed or rewritten");
            } else if (!Merkle.text(Merkle.root(leaves, 0, k.treeSize())).equals(k.rootHash())) {
                problems.add("the first " + k.treeSize() + " records do not give the Merkle root signed " + k.signedAt()
                        + ": records were rewritten (even if their hashes were recomputed)");
            }
        }
        if (first == null && !problems.isEmpty()) first = new LinkedHashMap<>(Map.of("problem", problems.get(0)));
        return new Result(problems.isEmpty(), verified, first, List.copyOf(problems), rulesetsVerified, cp.orElse(null));
    }

    private record RulesetCheck(long count, List<String> problems) {}

    /** Every stored ruleset's digest recomputed from its files, and its label from its VERSION file. */
    private RulesetCheck rulesets(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        long n = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT digest, version, files_json FROM ruleset ORDER BY first_loaded_at, digest");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                n++;
                String digest = rs.getString(1);
                List<SourceFile> files;
                try {
                    files = mapper.readValue(rs.getString(3), new TypeReference<List<SourceFile>>() {});
                } catch (Exception e) {
                    out.add("stored ruleset " + digest + ": its files cannot be read");
                    continue;
                }
                String actual = RulesetCompiler.digest(files);
                if (!actual.equals(digest)) {
                    out.add("stored ruleset " + digest + ": its files give " + actual + " (they were edited)");
                    continue;
                }
                String label = files.stream().filter(f -> f.path().equals("rules/" + RulesetCompiler.VERSION_FILE)).findFirst()
                        .map(f -> f.content().trim()).orElse("unversioned");
                if (!label.equals(rs.getString(2))) out.add("stored ruleset " + digest + ": its label " + rs.getString(2)
                        + " is not the " + label + " of its VERSION file");
            }
        }
        return new RulesetCheck(n, out);
    }

    private List<Checkpoints.Checkpoint> untrustedInDatabase() {
        List<Checkpoints.Checkpoint> trusted = checkpoints.trusted();
        return checkpoints.fromDatabase().stream().filter(c -> !trusted.contains(c)).toList();
    }

    /** A record as stored, from a row of the query above. */
    static DecisionRecord read(ResultSet rs) throws SQLException {
        DecisionRecord r = new DecisionRecord();
        r.id = rs.getString(1);
        r.seq = rs.getLong(2);
        r.client = rs.getString(3);
        r.prevHash = rs.getString(4);
        r.hash = rs.getString(5);
        r.evaluatedAt = rs.getObject(6, OffsetDateTime.class).toInstant();
        r.asOf = rs.getObject(7, LocalDate.class);
        r.operationId = rs.getString(8);
        r.purpose = rs.getString(9);
        r.outcome = rs.getString(10);
        r.rulesetDigest = rs.getString(11);
        r.rulesetVersion = rs.getString(12);
        r.durationMicros = rs.getLong(13);
        r.requestJson = rs.getString(14);
        r.responseJson = rs.getString(15);
        r.chainVersion = rs.getInt(16);
        r.idempotencyKey = rs.getString(17);
        r.idempotencySha = rs.getString(18);
        return r;
    }

    private static Map<String, Object> mismatch(DecisionRecord r, String problem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq);
        m.put("decisionId", r.id);
        m.put("problem", problem);
        return m;
    }

}
