package org.haven.server.web;

import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/** A request body past the configured limit, detected by its length or while it streams in. */
final class PayloadTooLargeException extends HavenException {

    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(long limit) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + limit + " bytes");
    }
}
