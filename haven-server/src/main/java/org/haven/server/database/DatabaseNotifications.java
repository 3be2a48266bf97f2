package org.haven.server.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's LISTEN/NOTIFY, delivered to in-process subscribers: how one server learns at once of a change another
 * server (or an operator) committed, so that what it keeps in memory can follow. One connection of its own, outside
 * the pool, listens on every subscribed channel.
 *
 * <p>By convention a payload is {@code "<schema> <value>"}, written by a trigger with {@code TG_TABLE_SCHEMA}:
 * subscribers receive the value of notifications from this server's schema only.
 *
 * <p>Notifications sent while the connection is down are lost. A subscriber therefore hears {@link
 * Subscriber#missed()} whenever listening stops, and should trust what it keeps only while {@link #listening(String)}
 * says so.
 */
public final class DatabaseNotifications implements AutoCloseable {

    /** Receives the notifications of one channel, on the listening thread: keep the work short. */
    public interface Subscriber {

        void notified(String value);

        /** Listening stopped or restarted: notifications may have been lost. */
        void missed();
    }

    /** Opens a new connection to the application's database, not one from the pool. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int POLL_MILLIS = 250;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final ConnectionFactory connections;
    private final String schema;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** Channels LISTENed on by the current connection; emptied when it is lost. */
    private final Map<String, Boolean> listened = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean closed;

    public DatabaseNotifications(ConnectionFactory connections, String schema) {
        this.connections = connections;
        this.schema = schema;
        this.listener = new Thread(this::listen, "database-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    /** Adds a subscriber; it hears notifications once {@link #listening(String)} turns true. */
    public void subscribe(String channel, Subscriber subscriber) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Whether a notification committed on this channel now will be delivered. */
    public boolean listening(String channel) {
        return listened.containsKey(channel);
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(100);
        while (!closed) {
            try (Connection connection = connections.open()) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                backoff = Duration.ofMillis(100);
                while (!closed) {
                    listenOnNewChannels(connection);
                    PGNotification[] received = postgres.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            deliver(notification);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("Lost the database notification connection ({}); retrying in {} ms", e.getMessage(),
                        backoff.toMillis());
            } finally {
                stopListening();
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void listenOnNewChannels(Connection connection) throws SQLException {
        for (String channel : subscribers.keySet()) {
            if (!listened.containsKey(channel)) {
                try (Statement statement = connection.createStatement()) {
                    // The name is checked against CHANNEL: LISTEN takes no bind parameters.
                    statement.execute("LISTEN " + channel);
                }
                listened.put(channel, Boolean.TRUE);
            }
        }
    }

    private void deliver(PGNotification notification) {
        String payload = notification.getParameter();
        int space = payload.indexOf(' ');
        if (space < 0 || !payload.substring(0, space).equals(schema)) {
            return;
        }
        String value = payload.substring(space + 1);
        for (Subscriber subscriber : subscribers.getOrDefault(notification.getName(), List.of())) {
            try {
                subscriber.notified(value);
            } catch (RuntimeException e) {
                log.error("A subscriber of {} failed on a notification", notification.getName(), e);
            }
        }
    }

    private void stopListening() {
        listened.clear();
        subscribers.values().forEach(list -> list.forEach(Subscriber::missed));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        try {
            listener.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
