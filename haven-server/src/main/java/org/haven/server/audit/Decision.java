package org.haven.server.audit;

/** The outcome an audit event records: an authorization decision, or how an operation ended. */
public enum Decision {
    ALLOWED,
    DENIED,
    SUCCEEDED,
    FAILED
}
