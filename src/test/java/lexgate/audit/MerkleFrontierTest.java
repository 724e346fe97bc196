package lexgate.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A checkpoint extends the tree it signed last instead of hashing the whole chain again: the root
 * must be exactly RFC 6962's tree over every record, after each extension, after the chain was
 * rewritten under the service, when it is shorter than the kept tree, and with a gap in it; a record
 * deleted from the middle is not signed away.
 */
class MerkleFrontierTest {

    static byte[] leafOf(int i) {
        return Merkle.leaf(("sha256:record-" + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFrontiersRootIsTheTreeHeadOverTheSameLeavesForEverySize() {
        int max = 300;
        byte[] packed = new byte[max * 32];
        Merkle.Frontier f = new Merkle.Frontier();
        assertArrayEquals(Merkle.root(packed, 0, 0), f.root(), "the empty tree");
        for (int n = 1; n <= max; n++) {
            byte[] leaf = leafOf(n);
            System.arraycopy(leaf, 0, packed, (n - 1) * 32, 32);
            f.append(leaf);
            assertEquals(n, f.size());
            assertArrayEquals(Merkle.root(packed, 0, n), f.root(), "size " + n);
        }
    }

    @Test
    void aCheckpointExtendsTheTreeAndRebuildsItWhenTheChainIsNoLongerTheOneItCovered() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:merkle-frontier;DB_CLOSE_DELAY=-1")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE decision (seq BIGINT PRIMARY KEY, hash VARCHAR(80) NOT NULL)");
            }
            Checkpoints cp = new Checkpoints();
            insert(c, 1, 10, "a");
            assertRoot(cp, c, 10, "the first checkpoint, from the first record");
            insert(c, 11, 25, "a");
            assertRoot(cp, c, 25, "extended by the 15 records appended since");
            assertRoot(cp, c, 25, "nothing appended");
            insert(c, 26, 26, "a");
            assertRoot(cp, c, 26, "extended by one");

            // The chain rewritten under the service (a restore, or every hash recomputed): the kept
            // tree no longer covers it, and the root is that of what is there, as before.
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM decision");
            }
            insert(c, 1, 40, "b");
            assertRoot(cp, c, 40, "rebuilt over the rewritten chain");

            // A chain shorter than the kept tree.
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM decision WHERE seq > 30");
            }
            assertRoot(cp, c, 30, "rebuilt over a shorter chain");

            // A record deleted from the middle, its hash chain head unchanged: the kept tree still
            // covers the last record, so the next checkpoint signs the records it saw, never the
            // chain without that one (verify then finds the signed root no longer matches).
            byte[] seen = cp.rootOf(c, 30);
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM decision WHERE seq = 7");
            }
            assertArrayEquals(seen, cp.rootOf(c, 30), "a deletion is not signed away");
            // A service started on the chain with the gap: the tree of what is there, the missing
            // leaf as zeros, as verify computes it (and names the gap).
            assertRoot(new Checkpoints(), c, 30, "a gap, no kept tree");
            insert(c, 7, 7, "b");
            insert(c, 31, 33, "b");
            assertRoot(cp, c, 33, "after the gap was filled");
        }
    }

    /**
     * An evidence document's audit path comes from the kept tree (whole blocks remembered, the
     * record's own block and the last one read): it must be exactly RFC 6962's path over every
     * record, for every record and every checkpoint size around the block edges, in a tree kept
     * across checkpoints, rebuilt, and with a gap.
     */
    @Test
    void anAuditPathFromTheKeptTreeIsThePathOverEveryRecord() throws Exception {
        int b = Checkpoints.BLOCK;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:merkle-path;DB_CLOSE_DELAY=-1")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE decision (seq BIGINT PRIMARY KEY, hash VARCHAR(80) NOT NULL)");
            }
            int size = 3 * b + 17;
            insert(c, 1, size, "a");
            Checkpoints cp = new Checkpoints();
            cp.rootOf(c, 2 * b + 5); // a checkpoint signed before, kept
            byte[] all = Checkpoints.leaves(c, size);
            long[] sizes = {1, 2, 3, b - 1, b, b + 1, 2 * b, 2 * b + 5, 3 * b, size};
            for (long n : sizes) {
                for (long seq = 1; seq <= n; seq += (n > 40 ? 7 : 1)) {
                    assertPath(Merkle.path(all, seq - 1, n), cp.auditPath(c, seq, n, size), "record " + seq + " of " + n);
                }
                assertPath(Merkle.path(all, n - 1, n), cp.auditPath(c, n, n, size), "the last record of " + n);
            }
            assertArrayEquals(Merkle.root(all, 0, size), cp.rootOf(c, size), "the kept tree still the tree of every record");

            // The chain rewritten under the service: the kept tree is rebuilt first.
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM decision");
            }
            insert(c, 1, size, "b");
            byte[] rewritten = Checkpoints.leaves(c, size);
            assertPath(Merkle.path(rewritten, 300, size), cp.auditPath(c, 301, size, size), "after a rewrite");

            // A gap: the path over every leaf, the missing one as zeros, as before.
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM decision WHERE seq = 9");
            }
            Checkpoints fresh = new Checkpoints();
            assertPath(Merkle.path(Checkpoints.leaves(c, size), 600, size), fresh.auditPath(c, 601, size, size), "a gap");
        }
    }

    static void assertPath(java.util.List<byte[]> expected, java.util.List<byte[]> actual, String what) {
        assertEquals(expected.stream().map(h -> HexFormat.of().formatHex(h)).toList(),
                actual.stream().map(h -> HexFormat.of().formatHex(h)).toList(), what);
    }

    static void insert(Connection c, int from, int to, String chain) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO decision (seq, hash) VALUES (?, ?)")) {
            for (int i = from; i <= to; i++) {
                p.setLong(1, i);
                p.setString(2, "sha256:" + chain + "-" + i);
                p.executeUpdate();
            }
        }
    }

    static void assertRoot(Checkpoints cp, Connection c, long size, String what) throws Exception {
        byte[] expected = Merkle.root(Checkpoints.leaves(c, size), 0, size);
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(cp.rootOf(c, size)), what);
    }
}
