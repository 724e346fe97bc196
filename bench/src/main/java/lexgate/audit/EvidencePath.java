package lexgate.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The audit path of one record's evidence, the old way (every record's hash read, the whole tree
 * hashed) and from the kept tree ({@link Checkpoints#auditPath}), over an in-memory H2 chain of N
 * records; checks both give the same path. Not part of {@code bench/run}:
 * {@code java -cp <bench class path> lexgate.audit.EvidencePath 1000000}. In the bench project's
 * copy of the package, for the package-private methods (as {@code lexgate.decision.BenchAccess}).
 */
public final class EvidencePath {
    private EvidencePath() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:evidence-path;DB_CLOSE_DELAY=-1")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE decision (seq BIGINT PRIMARY KEY, hash VARCHAR(80) NOT NULL)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO decision (seq, hash) VALUES (?, ?)")) {
                for (int i = 1; i <= n; i++) {
                    p.setLong(1, i);
                    p.setString(2, "sha256:" + String.format("%064x", i));
                    p.addBatch();
                    if (i % 10_000 == 0) p.executeBatch();
                }
                p.executeBatch();
            }
            Checkpoints cp = new Checkpoints();
            long t0 = System.nanoTime();
            cp.rootOf(c, n);
            System.out.printf("kept tree built once (the first checkpoint does it): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            Random r = new Random(1);
            for (int round = 0; round < 5; round++) {
                long seq = 1 + r.nextInt(n);
                long a0 = System.nanoTime();
                List<byte[]> whole = Merkle.path(Checkpoints.leaves(c, n), seq - 1, n);
                long a1 = System.nanoTime();
                List<byte[]> kept = cp.auditPath(c, seq, n, n);
                long a2 = System.nanoTime();
                boolean same = whole.size() == kept.size();
                for (int i = 0; same && i < whole.size(); i++) same = Arrays.equals(whole.get(i), kept.get(i));
                System.out.printf("record %d of %d: whole chain %.0f ms, kept tree %.2f ms, same path: %s%n",
                        seq, n, (a1 - a0) / 1e6, (a2 - a1) / 1e6, same);
                if (!same) throw new IllegalStateException("the paths differ");
            }
        }
    }
}
