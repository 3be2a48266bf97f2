package org.haven.server.sharing.internal;

import java.time.Instant;
import java.util.UUID;
import org.haven.server.sharing.ResultType;
import tools.jackson.databind.JsonNode;

/** A grant as requested, checked by {@link GrantRules}: the project exists, the version too, the policy fits. */
record NewGrant(UUID projectId, ResultType resultType, Integer version, Instant expiresAt, JsonNode policy) {}
