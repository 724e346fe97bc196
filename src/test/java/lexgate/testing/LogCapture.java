package lexgate.testing;

import org.jboss.logmanager.ExtLogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test helper: records what one logger publishes while it is open, at the level asked for (the
 * logger's own level is restored on close).
 *
 * <pre>{@code try (LogCapture log = LogCapture.of("lexgate.decisions", Level.INFO)) { ...; log.messages(); }}</pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {
    /** A published line: its message with the parameters filled in, and the thread that logged it. */
    public record Line(String message, String thread) {}

    private final Logger logger;
    private final Level before;
    private final List<Line> lines = new ArrayList<>();

    private LogCapture(Logger logger, Level level) {
        this.logger = logger;
        this.before = logger.getLevel();
        if (level != null) logger.setLevel(level);
        logger.addHandler(this);
    }

    /** Starts recording the named logger; {@code level} null keeps its level. */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(Logger.getLogger(loggerName), level);
    }

    @Override
    public void publish(LogRecord r) {
        String message = r instanceof ExtLogRecord x ? x.getFormattedMessage() : r.getMessage();
        String thread = r instanceof ExtLogRecord x ? x.getThreadName() : "unknown";
        synchronized (lines) {
            lines.add(new Line(message, thread));
        }
    }

    /** The lines so far whose message starts with {@code prefix}. */
    public List<Line> lines(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.message().startsWith(prefix)).toList();
        }
    }

    /** The messages so far that start with {@code prefix}. */
    public List<String> messages(String prefix) {
        return lines(prefix).stream().map(Line::message).toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
