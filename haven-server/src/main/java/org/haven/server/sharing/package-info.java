/**
 * Sharing datasets with projects: a grant lets a project's data users read a dataset (or one version of it) as
 * identifiable values, pseudonymised values or aggregates only ({@link org.haven.server.sharing.ResultType}),
 * optionally until a time and, for pseudonymised reads, under a privacy policy of its own. A grant is a row and the
 * relationships that enforce it ({@code dataset#project} and {@code dataset#granted_<result type>}, expiring and
 * caveated by version as the grant says), written and revoked in one transaction with their audit events, so a
 * revocation takes effect on the next request.
 *
 * <p>Other modules read grants through {@link org.haven.server.sharing.DatasetGrants}.
 */
package org.haven.server.sharing;
