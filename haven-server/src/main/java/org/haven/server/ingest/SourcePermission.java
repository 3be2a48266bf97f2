package org.haven.server.ingest;

/** A level granted directly on a source: {@code subject} is {@code user:<id>} or {@code app:<id>}. */
public record SourcePermission(String subject, String level) {}
