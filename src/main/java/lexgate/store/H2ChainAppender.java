package lexgate.store;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;

/**
 * H2's appender, and that of any database other than PostgreSQL: H2 has no data-modifying
 * {@code WITH}, so a batch after the remembered head is the standard transaction of three round
 * trips (conditional UPDATE of the head, batched INSERT, COMMIT).
 */
final class H2ChainAppender extends ChainAppender {
    H2ChainAppender(DataSource dataSource, SearchTerms terms) {
        super(dataSource, terms, false);
    }

    @Override
    boolean appendAfterRememberedHead(List<PendingDecision> batch) throws SQLException {
        return appendInTransaction(batch, false);
    }
}
