package org.haven.server.ratelimit;

import java.util.Locale;

/** The budgets a request can draw on; each has its own limit in {@link RateLimitSettings}. */
public enum LimitClass {
    /** Every {@code /api/v1} request, per client address, before authentication. */
    ADDRESS,
    /** Sign-in attempts ({@code POST /api/v1/auth/**}), per client address: slows password guessing. */
    SIGN_IN,
    /** Changes ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under {@code /api/v1}), per principal. */
    WRITE,
    /** Reads ({@code GET}, {@code HEAD} under {@code /api/v1}), per principal. */
    READ;

    /** The stable name used in bucket keys and metric tags, e.g. {@code sign-in}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
