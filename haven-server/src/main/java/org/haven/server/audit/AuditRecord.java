package org.haven.server.audit;

import java.time.Instant;

/**
 * An event as the log holds it: its place in the chain ({@code sequence}, from 1 with no gaps), the hash of the
 * event before it and its own hash (lowercase hex SHA-256; the first event's previous hash is 32 zero bytes), and
 * when the database accepted it.
 */
public record AuditRecord(long sequence, AuditEvent event, String previousHash, String hash, Instant recordedAt) {}
