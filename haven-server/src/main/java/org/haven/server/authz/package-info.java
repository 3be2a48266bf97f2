/**
 * Authorization inside the server: Haven's default relationship schema ({@code authz/haven.zed}), the engine from
 * {@code haven-authz} over the server's PostgreSQL, and {@link org.haven.server.authz.Authorizer}, through which
 * every module checks permissions and writes relationships in the same transaction as the rows they protect.
 */
package org.haven.server.authz;
