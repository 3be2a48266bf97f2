package org.haven.server.config;

/** How strict the server is about its own configuration. */
public enum Mode {
    /** Embedded defaults allowed: a private PostgreSQL, a filesystem blob store, open local metrics. */
    DEVELOPMENT,
    /** Every dev-only default must be replaced by a real setting, or the server refuses to start. */
    PRODUCTION
}
