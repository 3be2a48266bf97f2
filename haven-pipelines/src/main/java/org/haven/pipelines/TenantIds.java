package org.haven.pipelines;

import java.util.regex.Pattern;

/**
 * The tenant ids the engine accepts. A tenant id becomes part of the run's workspace prefix, so it must not be able
 * to name another place ('/', '..'): letters, digits, '-' and '_' only (UUIDs and slugs qualify).
 */
public final class TenantIds {

    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private TenantIds() {}

    /** Returns the id, or raises {@code REQUEST_INVALID}. */
    public static String require(String tenantId) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw new PipelineException(PipelineErrorCode.REQUEST_INVALID,
                    "tenant id must be 1-100 letters, digits, '-' or '_'");
        }
        return tenantId;
    }
}
