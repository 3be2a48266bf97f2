package org.haven.privacy;

import java.util.Objects;

/**
 * Whose keys: a tenant and, inside it, the scope that may link its data (the tenant itself or one project). Two
 * scopes never share a key, so their tokens and pseudonyms cannot be joined.
 *
 * @param tenantId the tenant, as the server names it
 * @param scope {@code tenant} or {@code project:<id>}, or any other non-blank name the caller chooses
 */
public record KeyScope(String tenantId, String scope) {

    public KeyScope {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(scope, "scope");
        if (tenantId.isBlank() || scope.isBlank()) {
            throw new IllegalArgumentException("tenant and scope are non-blank");
        }
        if (tenantId.indexOf('\u0000') >= 0 || scope.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("tenant and scope cannot contain NUL");
        }
    }

    /** The scope shared by everything in a tenant. */
    public static KeyScope tenant(String tenantId) {
        return new KeyScope(tenantId, "tenant");
    }

    /** The scope of one project: its tokens do not match any other project's. */
    public static KeyScope project(String tenantId, String projectId) {
        return new KeyScope(tenantId, "project:" + projectId);
    }
}
