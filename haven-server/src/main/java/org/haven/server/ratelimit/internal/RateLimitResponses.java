package org.haven.server.ratelimit.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.haven.server.errors.ErrorCode;
import org.haven.server.ratelimit.LimitClass;
import org.haven.server.ratelimit.RateLimiter.Decision;
import org.haven.server.web.ProblemWriter;
import org.springframework.stereotype.Component;

/** What a client sees of the limits: the 429 problem and the {@code RateLimit-*} headers. */
@Component
final class RateLimitResponses {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RETRY_AFTER = "Retry-After";

    private final ProblemWriter problems;

    RateLimitResponses(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * Answers for the limiter's decision: a refusal is written as a 429 and ends the request (false); an allowed
     * request gets its remaining-budget headers and goes on (true), as does one the limiter could not check.
     */
    boolean admit(Decision decision, LimitClass limitClass, HttpServletResponse response) throws IOException {
        if (decision instanceof Decision.Refused refused) {
            refuse(response, limitClass, refused);
            return false;
        }
        if (decision instanceof Decision.Allowed allowed) {
            report(response, allowed);
        }
        return true;
    }

    /**
     * Tells the client how much of its budget is left. A request draws on up to three buckets; the headers show the
     * one closest to running out, since that is the one that will refuse first.
     */
    void report(HttpServletResponse response, Decision.Allowed allowed) {
        String shown = response.getHeader(REMAINING);
        if (shown != null && Long.parseLong(shown) <= allowed.remaining()) {
            return;
        }
        response.setHeader(LIMIT, Long.toString(allowed.limit()));
        response.setHeader(REMAINING, Long.toString(allowed.remaining()));
    }

    void refuse(HttpServletResponse response, LimitClass limitClass, Decision.Refused refused) throws IOException {
        long seconds = refused.retryAfterSeconds();
        response.setHeader(RETRY_AFTER, Long.toString(seconds));
        response.setHeader(LIMIT, Long.toString(refused.limit()));
        response.setHeader(REMAINING, "0");
        problems.write(response, ErrorCode.RATE_LIMITED, detail(limitClass, seconds));
    }

    private static String detail(LimitClass limitClass, long seconds) {
        String what = switch (limitClass) {
            case ADDRESS -> "Too many requests from this address";
            case SIGN_IN -> "Too many sign-in attempts from this address";
            case WRITE -> "Too many changes by this account";
            case READ -> "Too many reads by this account";
        };
        return what + "; retry after " + seconds + (seconds == 1 ? " second" : " seconds");
    }
}
