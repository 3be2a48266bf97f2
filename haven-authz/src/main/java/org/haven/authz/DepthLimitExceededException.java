package org.haven.authz;

/** Evaluation went deeper than the configured limit: the data nests further than the engine is willing to follow. */
public final class DepthLimitExceededException extends AuthzException {

    private static final long serialVersionUID = 1L;

    public DepthLimitExceededException(int limit, String where) {
        super(AuthzErrorCode.DEPTH_LIMIT_EXCEEDED, "evaluation exceeded the depth limit of " + limit + " at " + where);
    }
}
