/**
 * Accountability: reading and verifying the audit log ({@code haven audit}) and explaining who may do what
 * ({@code haven access explain}). For platform auditors and administrators.
 */
package org.haven.cli.audit;
