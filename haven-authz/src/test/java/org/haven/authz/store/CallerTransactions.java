package org.haven.authz.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The caller's side of a joined write, without Spring: between {@link #begin()} and {@link #commit()} or
 * {@link #rollback()} every connection handed out is the one transaction's (auto-commit off, {@code close()}
 * ignored), and outside it a fresh connection of the target. That is how a transaction-aware data source proxy
 * behaves, which is what the server gives the store.
 */
final class CallerTransactions implements DataSource {

    private final DataSource target;
    private Connection current;

    CallerTransactions(DataSource target) {
        this.target = target;
    }

    /** Opens the caller's transaction; returns its connection for the caller's own statements. */
    Connection begin() throws SQLException {
        if (current != null) {
            throw new IllegalStateException("a transaction is already open");
        }
        current = target.getConnection();
        current.setAutoCommit(false);
        return current;
    }

    void commit() throws SQLException {
        end(true);
    }

    void rollback() throws SQLException {
        end(false);
    }

    private void end(boolean commit) throws SQLException {
        try (Connection connection = current) {
            current = null;
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (current == null) {
            return target.getConnection();
        }
        Connection transaction = current;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(transaction, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) {
        throw new UnsupportedOperationException("credentials come from the target data source");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }
}
