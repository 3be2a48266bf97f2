package org.haven.authz;

/** A write whose precondition did not hold; nothing of the batch was written. */
public final class PreconditionFailedException extends AuthzException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(Precondition precondition) {
        super(AuthzErrorCode.PRECONDITION_FAILED, "precondition failed: " + precondition);
    }
}
