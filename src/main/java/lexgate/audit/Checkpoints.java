package lexgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signed checkpoints of the decision chain, in the manner of Certificate Transparency's signed tree
 * heads (RFC 6962 section 3.5): the size of the tree, its Merkle root over the records' hashes, the
 * hash of the last record, the time, and an Ed25519 signature by the service's key (kept outside
 * the database). A checkpoint is signed every {@code lexgate.audit.checkpoint-interval} (60 s) when
 * the chain has grown, and on demand ({@code POST /v1/audit/checkpoints}); each is stored in the
 * database and appended to a log file outside it ({@code lexgate.audit.checkpoint-log}). A rewrite
 * of the records, even with every hash recomputed, or a cut tail, no longer matches the latest
 * checkpoint someone kept.
 */
@ApplicationScoped
public class Checkpoints {
    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    @Inject
    DataSource dataSource;

    @Inject
    SigningKeys keys;

    @Inject
    ObjectMapper mapper;

    @Inject
    lexgate.config.LexgateConfig config;

    private ScheduledExecutorService timer;

    /** One signed checkpoint; {@code source} says where it was read ("log", "database" or "signed now"). */
    public record Checkpoint(long treeSize, String rootHash, String headHash, String signedAt, String keyId,
                             String signature) {
        /** The text that is signed. */
        public String statement() {
            return statement(treeSize, rootHash, headHash, signedAt, keyId);
        }

        /** The text signed for a checkpoint with these values. */
        public static String statement(long treeSize, String rootHash, String headHash, String signedAt, String keyId) {
            return "lexgate-checkpoint-v1\n" + treeSize + "\n" + rootHash + "\n" + headHash + "\n" + signedAt + "\n" + keyId + "\n";
        }
    }

    void onStart(@Observes StartupEvent event) {
        Duration interval = config.audit().checkpointInterval();
        if (interval.isZero() || interval.isNegative()) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lexgate-checkpoints");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sign(false);
            } catch (RuntimeException e) {
                LOG.warnf("no checkpoint signed this time: %s", e.getClass().getSimpleName());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) timer.shutdownNow();
    }

    /** The log file outside the database. */
    public Path logFile() {
        return Path.of(config.audit().checkpointLog());
    }

    /**
     * Signs a checkpoint of the chain as it is now, unless the latest already covers it (and
     * {@code force} is false); returns the checkpoint that covers the chain.
     */
    public synchronized Checkpoint sign(boolean force) {
        try (Connection c = dataSource.getConnection()) {
            long size;
            String head;
            try (PreparedStatement q = c.prepareStatement("SELECT seq, hash FROM chain_head WHERE id = 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                size = rs.getLong(1);
                head = rs.getString(2);
            }
            if (!force) {
                Optional<Checkpoint> latest = latestTrusted();
                if (latest.isPresent() && latest.get().treeSize() == size) return latest.get();
            }
            String root = Merkle.text(rootOf(c, size));
            String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            String keyId = keys.keyId();
            Checkpoint cp = new Checkpoint(size, root, head, at, keyId,
                    keys.sign(Checkpoint.statement(size, root, head, at, keyId)));
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO checkpoint (id, tree_size, root_hash, head_hash,"
                    + " signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, UUID.randomUUID().toString());
                ins.setLong(2, size);
                ins.setString(3, root);
                ins.setString(4, head);
                ins.setTimestamp(5, Timestamp.from(Instant.parse(at)));
                ins.setString(6, keyId);
                ins.setString(7, cp.signature());
                ins.executeUpdate();
                if (!c.getAutoCommit()) c.commit();
            }
            appendToLog(cp);
            return cp;
        } catch (SQLException e) {
            throw new IllegalStateException("no checkpoint: storage unavailable (" + e.getSQLState() + ")", e);
        }
    }

    /**
     * The tree as this process last signed it, and the hash of its last record. Each checkpoint
     * extends it with the records appended since (read by seq, an index range) instead of reading
     * and hashing the whole chain again: at 1,000,000 records the hashing alone was 0.4 s of CPU a
     * minute (measured warm), besides reading 1,000,000 rows, all growing with the chain
     * (bench/run's 1,000,000-row stage, issue 22). Rebuilt from the first record when this process has none, when the chain
     * is shorter than it, or when its last record's hash is no longer the one it covered (a
     * database restored or rewritten: the tree is then computed over what is there, as before).
     * A record deleted from the middle leaves the last one in place: the next checkpoint still
     * signs the records this process saw, so the deletion is not signed away (verify finds it).
     */
    private Merkle.Frontier frontier;
    private String frontierLast;
    /**
     * Leaves per block whose tree head the kept tree remembers, so that an audit path reads at most
     * two blocks of records (its own and the tree's last, partial one) instead of the whole chain.
     */
    static final int BLOCK = 256;
    /** The tree heads of the kept tree's complete blocks, in order, and the one being filled. */
    private List<byte[]> blocks = new ArrayList<>();
    private Merkle.Frontier openBlock = new Merkle.Frontier();

    /** The Merkle root over records 1..size; called under the lock of {@link #sign}. */
    byte[] rootOf(Connection c, long size) throws SQLException {
        if (frontier != null && (frontier.size() > size || !stillCovers(c, frontier.size(), frontierLast))) frontier = null;
        Merkle.Frontier f = frontier == null ? new Merkle.Frontier() : frontier;
        String last = frontier == null ? null : frontierLast; // never a discarded tree's
        if (frontier == null) {
            blocks = new ArrayList<>();
            openBlock = new Merkle.Frontier();
        }
        frontier = null; // until extended in full
        try (PreparedStatement q = c.prepareStatement("SELECT seq, hash FROM decision WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            q.setFetchSize(10_000);
            q.setLong(1, f.size());
            q.setLong(2, size);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) != f.size() + 1) break; // a gap
                    last = rs.getString(2);
                    byte[] leaf = Merkle.leaf(last);
                    f.append(leaf);
                    openBlock.append(leaf);
                    if (openBlock.size() == BLOCK) {
                        blocks.add(openBlock.root());
                        openBlock = new Merkle.Frontier();
                    }
                }
            }
        }
        if (f.size() != size) {
            // A gap in seq: the tree of what is there, missing leaves as zeros, as verify computes it
            // (and names the gap); nothing kept for the next checkpoint.
            return Merkle.root(leaves(c, size), 0, size);
        }
        frontier = f;
        frontierLast = last;
        return f.root();
    }

    /**
     * The audit path of record {@code seq} in the tree of the first {@code n} records (a checkpoint's),
     * from the kept tree: the tree heads of whole blocks below {@code n} are remembered, and only the
     * record's own block and the last, partial one are read. The kept tree is first brought up to
     * the chain as it is now, as a checkpoint would. With a gap in the chain, the path over every
     * leaf as before (the missing ones as zeros, as verify computes them).
     */
    public synchronized List<byte[]> auditPath(long seq, long n) {
        try (Connection c = dataSource.getConnection()) {
            long size;
            try (PreparedStatement q = c.prepareStatement("SELECT seq FROM chain_head WHERE id = 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                size = rs.getLong(1);
            }
            return auditPath(c, seq, n, size);
        } catch (SQLException e) {
            throw new IllegalStateException("the chain cannot be read: " + e.getSQLState(), e);
        }
    }

    /** The same on this connection, the chain being {@code size} records long now; under the lock of {@link #sign}. */
    synchronized List<byte[]> auditPath(Connection c, long seq, long n, long size) throws SQLException {
        if (frontier == null || frontier.size() < n || !stillCovers(c, frontier.size(), frontierLast)) {
            rootOf(c, Math.max(size, n));
        }
        if (frontier == null || frontier.size() < n) return Merkle.path(leaves(c, n), seq - 1, n);
        List<byte[]> complete = blocks;
        java.util.Map<Long, byte[]> read = new java.util.HashMap<>();
        Merkle.Subtrees subtrees = new Merkle.Subtrees() {
            @Override
            public byte[] root(long from, long to) {
                if (from / BLOCK == (to - 1) / BLOCK && to - from < BLOCK) {
                    // Inside one block: its leaves (up to n), read once.
                    long b = from / BLOCK;
                    byte[] leaves = read.computeIfAbsent(b, k -> leavesOf(c, k * BLOCK, Math.min(n, (k + 1) * BLOCK)));
                    return Merkle.root(leaves, from - b * BLOCK, to - b * BLOCK);
                }
                if (from % BLOCK == 0 && to % BLOCK == 0 && to / BLOCK <= complete.size()) {
                    return Merkle.root(i -> complete.get((int) i), from / BLOCK, to / BLOCK);
                }
                // A range of whole blocks and the last, partial one: RFC 6962's split keeps the
                // pieces aligned (a range longer than a block splits at a multiple of it).
                long k = Long.highestOneBit(to - from - 1);
                return Merkle.node(root(from, from + k), root(from + k, to));
            }
        };
        return Merkle.path(subtrees, seq - 1, n);
    }

    /** The leaf hashes of records from + 1 .. to, packed; a missing record as zeros. */
    private static byte[] leavesOf(Connection c, long from, long to) {
        byte[] out = new byte[(int) (to - from) * 32];
        try (PreparedStatement q = c.prepareStatement("SELECT seq, hash FROM decision WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    System.arraycopy(Merkle.leaf(rs.getString(2)), 0, out, (int) (rs.getLong(1) - 1 - from) * 32, 32);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the chain cannot be read: " + e.getSQLState(), e);
        }
        return out;
    }

    /** True when record {@code seq} still has the hash the kept tree covered (true for the empty tree). */
    private static boolean stillCovers(Connection c, long seq, String hash) throws SQLException {
        if (seq == 0) return true;
        try (PreparedStatement q = c.prepareStatement("SELECT hash FROM decision WHERE seq = ?")) {
            q.setLong(1, seq);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getString(1).equals(hash);
            }
        }
    }

    /** The leaf hashes of records 1..size, 32 bytes each, packed. */
    static byte[] leaves(Connection c, long size) throws SQLException {
        if (size > Integer.MAX_VALUE / 32) throw new IllegalStateException("more records than one tree holds in memory: " + size);
        byte[] out = new byte[(int) size * 32];
        try (PreparedStatement q = c.prepareStatement("SELECT seq, hash FROM decision WHERE seq <= ? ORDER BY seq")) {
            q.setFetchSize(10_000);
            q.setLong(1, size);
            try (ResultSet rs = q.executeQuery()) {
                long expected = 1;
                while (rs.next()) {
                    if (rs.getLong(1) != expected) break; // a gap: the tree of what is there; verify names the gap
                    System.arraycopy(Merkle.leaf(rs.getString(2)), 0, out, (int) (expected - 1) * 32, 32);
                    expected++;
                }
            }
        }
        return out;
    }

    private void appendToLog(Checkpoint cp) {
        try {
            Path f = logFile();
            if (f.getParent() != null) Files.createDirectories(f.getParent());
            Files.writeString(f, mapper.writeValueAsString(cp) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            // The database copy stands; the log outside it is what a reviewer keeps, so say it loudly.
            LOG.errorf("checkpoint of %d records signed but not written to %s: %s", cp.treeSize(), logFile(), e.getMessage());
        }
    }

    /** The checkpoints in the log file outside the database, in order; unreadable lines are skipped. */
    public List<Checkpoint> fromLog() {
        List<Checkpoint> out = new ArrayList<>();
        Path f = logFile();
        if (!Files.exists(f)) return out;
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    out.add(mapper.readValue(line, Checkpoint.class));
                } catch (JsonProcessingException e) {
                    LOG.warnf("an unreadable line in %s", f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The checkpoints stored in the database, oldest first. */
    public List<Checkpoint> fromDatabase() {
        List<Checkpoint> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT tree_size, root_hash, head_hash, signed_at, key_id, signature"
                     + " FROM checkpoint ORDER BY tree_size, signed_at");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant().truncatedTo(ChronoUnit.MILLIS).toString(), rs.getString(5), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("checkpoints cannot be read: " + e.getSQLState(), e);
        }
        return out;
    }

    /** Every checkpoint from the log and the database whose signature a trusted key made, largest tree last. */
    public List<Checkpoint> trusted() {
        List<Checkpoint> all = new ArrayList<>(fromLog());
        for (Checkpoint c : fromDatabase()) if (!all.contains(c)) all.add(c);
        return all.stream().filter(c -> keys.verify(c.statement(), c.signature(), c.keyId()))
                .sorted(Comparator.comparingLong(Checkpoint::treeSize).thenComparing(Checkpoint::signedAt)).toList();
    }

    /** The trusted checkpoint of the largest tree, if any. */
    public Optional<Checkpoint> latestTrusted() {
        List<Checkpoint> t = trusted();
        return t.isEmpty() ? Optional.empty() : Optional.of(t.get(t.size() - 1));
    }
}
