/**
 * The engine's implementation: JDBC repositories, the run state machine ({@code RunCoordinator}), admission, the
 * db-scheduler step handler and the recurring housekeeping. Nothing here is API; use {@code org.haven.pipelines}.
 */
package org.haven.pipelines.internal;
