package lexgate.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * H2's own cost of storing a decision, the H2 counterpart of PostgreSQL's CPU per insert in the
 * durable-POST bound (issue 22): on a copy of the database the H2 run of bench/run left behind
 * (service stopped), re-inserts copies of its stored decisions (every column as stored, new id and
 * seq) with their search-index rows, in the service's H2 transaction shape: per batch a conditional
 * UPDATE of the chain head, one batched INSERT of the rows, the index rows, COMMIT, on the file
 * database with the service's settings (WRITE_DELAY=0). The process's CPU time over a timed window
 * after a warm-up, divided by the rows stored, is H2's CPU per insert (H2 runs in this process, as
 * it does in the service); chain hashing and everything else the service does around the insert
 * is not in it.
 *
 * <p>Usage: {@code H2Insert DB-FILE-WITHOUT-.mv.db WORKDIR BATCH WARM-SECONDS SECONDS OUT.properties}
 */
public final class H2Insert {
    private H2Insert() {}

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0] + ".mv.db"), work = Path.of(args[1]);
        int batch = Integer.parseInt(args[2]);
        double warm = Double.parseDouble(args[3]), seconds = Double.parseDouble(args[4]);
        Files.createDirectories(work);
        Path copy = work.resolve("h2insert.mv.db");
        Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String url = "jdbc:h2:file:" + work.resolve("h2insert") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        // The service's user (quarkus.datasource.username in application.properties).
        try (Connection c = DriverManager.getConnection(url, "lexgate", "")) {
            c.setAutoCommit(false);
            List<String> columns = new ArrayList<>();
            List<Object[]> templates = new ArrayList<>();
            List<List<Integer>> terms = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM decision ORDER BY seq DESC LIMIT 1000")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnName(i).toLowerCase());
                while (rs.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) row[i] = rs.getObject(i + 1);
                    templates.add(row);
                }
            }
            if (templates.isEmpty()) throw new IllegalStateException("no stored decision to copy in " + source);
            int idCol = columns.indexOf("id"), seqCol = columns.indexOf("seq");
            // The templates' search index rows (decision_term: interned term id, seq), read in one pass
            // (the table's only index starts with the term).
            java.util.Map<Long, List<Integer>> bySeq = new java.util.HashMap<>();
            long minSeq = Long.MAX_VALUE;
            for (Object[] t : templates) {
                long s = ((Number) t[seqCol]).longValue();
                bySeq.put(s, new ArrayList<>());
                minSeq = Math.min(minSeq, s);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT decision_seq, term_id FROM decision_term WHERE decision_seq >= ?")) {
                ps.setLong(1, minSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<Integer> l = bySeq.get(rs.getLong(1));
                        if (l != null) l.add(rs.getInt(2));
                    }
                }
            }
            for (Object[] t : templates) terms.add(bySeq.get(((Number) t[seqCol]).longValue()));
            long seq;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT seq FROM chain_head WHERE id = 1")) {
                rs.next();
                seq = rs.getLong(1);
            }
            c.commit();
            String insert = "INSERT INTO decision (" + String.join(", ", columns) + ") VALUES ("
                    + "?, ".repeat(columns.size() - 1) + "?)";
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long rows = 0, cpu0 = 0, t0 = 0;
            boolean timing = false;
            long start = System.nanoTime();
            int k = 0;
            try (PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ?");
                 PreparedStatement ins = c.prepareStatement(insert);
                 PreparedStatement it = c.prepareStatement("INSERT INTO decision_term (term_id, decision_seq) VALUES (?, ?)")) {
                while (true) {
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    if (!timing && elapsed >= warm) {
                        timing = true;
                        rows = 0;
                        cpu0 = os.getProcessCpuTime();
                        t0 = System.nanoTime();
                    }
                    if (timing && elapsed >= warm + seconds) break;
                    head.setLong(1, seq + batch);
                    head.setString(2, "sha256:" + UUID.randomUUID());
                    head.setLong(3, seq);
                    if (head.executeUpdate() != 1) throw new IllegalStateException("chain head moved");
                    for (int b = 0; b < batch; b++) {
                        int ti = k++ % templates.size();
                        Object[] t = templates.get(ti);
                        String id = UUID.randomUUID().toString();
                        long s = ++seq;
                        for (int i = 0; i < t.length; i++) {
                            ins.setObject(i + 1, i == idCol ? id : i == seqCol ? (Object) s : t[i]);
                        }
                        ins.addBatch();
                        for (int term : terms.get(ti)) { it.setInt(1, term); it.setLong(2, s); it.addBatch(); }
                    }
                    ins.executeBatch();
                    it.executeBatch();
                    c.commit();
                    rows += batch;
                }
            }
            long cpu = os.getProcessCpuTime() - cpu0, wall = System.nanoTime() - t0;
            Properties p = new Properties();
            p.setProperty("batch", String.valueOf(batch));
            p.setProperty("rows", String.valueOf(rows));
            p.setProperty("seconds", String.valueOf(wall / 1e9));
            p.setProperty("cpuUsPerRow", String.valueOf(cpu / 1e3 / rows));
            p.setProperty("rowsPerSecond", String.valueOf(rows / (wall / 1e9)));
            try (var out = Files.newBufferedWriter(Path.of(args[5]))) {
                p.store(out, "H2Insert: H2's own CPU per stored decision");
            }
            System.out.printf("H2 insert: %d rows in batches of %d, %.1f rows/s, %.1f µs CPU per row%n", rows, batch,
                    rows / (wall / 1e9), cpu / 1e3 / rows);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
