package org.haven.server.privacy;

import java.util.UUID;
import org.haven.privacy.SdcSettings;

/**
 * The disclosure control rule for aggregates of a tenant's data: the tenant's own when it has set one (never less
 * strict than the server's), otherwise the server's. Every aggregate of one dataset therefore passes the same rule,
 * whoever asks, so answers cannot be played off against each other across callers.
 */
public interface DisclosureSettings {

    SdcSettings forTenant(UUID tenantId);
}
