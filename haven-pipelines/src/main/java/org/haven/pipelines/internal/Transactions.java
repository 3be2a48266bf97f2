package org.haven.pipelines.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.haven.pipelines.PipelineErrorCode;
import org.haven.pipelines.PipelineException;

/**
 * Runs engine work on one connection. A connection that arrives with auto-commit off belongs to the caller's
 * transaction (e.g. Spring's TransactionAwareDataSourceProxy inside a transaction): the work joins it and is never
 * committed, rolled back or reconfigured here. Otherwise the engine opens, commits and closes its own transaction.
 */
final class Transactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    @FunctionalInterface
    interface AfterCommit {
        void run(Tx tx);
    }

    private final DataSource dataSource;
    private final AfterCommit afterCommit;

    Transactions(DataSource dataSource, AfterCommit afterCommit) {
        this.dataSource = dataSource;
        this.afterCommit = afterCommit;
    }

    <T> T inTransaction(Work<T> work) {
        Tx tx;
        T result;
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                return work.run(new Tx(connection, true));
            }
            connection.setAutoCommit(false);
            tx = new Tx(connection, false);
            try {
                result = work.run(tx);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new PipelineException(PipelineErrorCode.STORE_UNAVAILABLE, "pipeline store unavailable: " + e.getMessage(), e);
        }
        afterCommit.run(tx);
        return result;
    }
}
