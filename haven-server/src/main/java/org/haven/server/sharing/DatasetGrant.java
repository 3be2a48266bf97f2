package org.haven.server.sharing;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A dataset made available to a project.
 *
 * @param version the one version granted; null for every version, present and future
 * @param policy the privacy policy document that shapes pseudonymised reads; null for the standard policy
 * @param expiresAt when the grant stops counting; null for never
 * @param grantedBy the authorization subject who granted it, {@code user:<id>} or {@code app:<id>}
 */
public record DatasetGrant(UUID id, UUID datasetId, UUID projectId, ResultType resultType, Integer version,
        JsonNode policy, Instant expiresAt, String grantedBy, Instant grantedAt) {

    /** Whether the grant lets its project read this version at this time. */
    public boolean covers(int datasetVersion, Instant now) {
        return (version == null || version == datasetVersion) && (expiresAt == null || expiresAt.isAfter(now));
    }
}
