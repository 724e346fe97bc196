package lexgate.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * How long the disk takes to make a write durable: what every commit waits for once.
 *
 * <p>Writes 8 KB (one PostgreSQL page) at a time over a 16 MB file, as the WAL does, and times each
 * {@code fdatasync} ({@link FileChannel#force}(false)) for the given seconds, on an idle machine.
 * The decision writer commits one batch at a time, so a single slow flush delays every decision
 * that arrives while it lasts: the tail of this distribution, not its median, is what the p99 of
 * durable POSTs meets. {@code bench/run} runs it on the file system of PostgreSQL's data directory
 * and {@link Report} prints it beside the p99 verdict.
 *
 * <p>Arguments: folder to write in (the file is removed afterwards), seconds, output properties file.
 */
public final class FsyncProbe {
    private FsyncProbe() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        Path out = Path.of(args[2]);
        Path file = Files.createTempFile(dir, "lexgate-fsync-probe", ".tmp");
        long[] lat = new long[1 << 16];
        int n = 0;
        ByteBuffer page = ByteBuffer.allocateDirect(8192);
        for (int i = 0; i < page.capacity(); i++) page.put(i, (byte) i);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            // Written out and flushed first, as PostgreSQL's WAL segments are: the timed flushes
            // then overwrite blocks, and do not also grow the file.
            for (int i = 0; i < 2048; i++) {
                page.clear();
                ch.write(page, i * 8192L);
            }
            ch.force(true);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (long i = 0; System.nanoTime() < end; i++) {
                page.clear();
                ch.write(page, (i % 2048) * 8192);
                long t = System.nanoTime();
                ch.force(false);
                if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                lat[n++] = (System.nanoTime() - t) / 1_000;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        long[] s = Arrays.copyOf(lat, n);
        Arrays.sort(s);
        long over10 = Arrays.stream(s).filter(v -> v > 10_000).count();
        long stalledUs = Arrays.stream(s).filter(v -> v > 10_000).sum();
        Properties p = new Properties();
        p.setProperty("dir", dir.toString());
        p.setProperty("seconds", String.valueOf(seconds));
        p.setProperty("flushes", String.valueOf(n));
        p.setProperty("p50Us", String.valueOf(pct(s, 0.50)));
        p.setProperty("p99Us", String.valueOf(pct(s, 0.99)));
        p.setProperty("p999Us", String.valueOf(pct(s, 0.999)));
        p.setProperty("maxUs", String.valueOf(n == 0 ? 0 : s[n - 1]));
        p.setProperty("over10ms", String.valueOf(over10));
        p.setProperty("stalledUs", String.valueOf(stalledUs));
        try (Writer w = Files.newBufferedWriter(out)) {
            p.store(w, "FsyncProbe: fdatasync of 8 KB pages");
        }
        System.out.printf(Locale.ROOT, "fdatasync x %d in %.0f s: p50 %d µs, p99 %d µs, p99.9 %d µs, max %d µs, %d over 10 ms%n",
                n, seconds, pct(s, 0.50), pct(s, 0.99), pct(s, 0.999), n == 0 ? 0 : s[n - 1], over10);
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
