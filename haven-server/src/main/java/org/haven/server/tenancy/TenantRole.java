package org.haven.server.tenancy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/** Roles people and apps hold in a tenant; each is a relation of {@code tenant} in the schema. */
public enum TenantRole {
    ORGANISATION_ADMIN,
    DATA_SOURCE_MANAGER,
    DATA_SET_MANAGER,
    MEMBER,
    /** Re-identifies pseudonyms of the tenant's datasets; no other role may, an organisation admin included. */
    REIDENTIFIER;

    public String relation() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every role's relation name, in declaration order. */
    public static List<String> relations() {
        return Arrays.stream(values()).map(TenantRole::relation).toList();
    }

    public static TenantRole parse(String value) {
        for (TenantRole role : values()) {
            if (role.relation().equals(value)) {
                return role;
            }
        }
        throw new HavenException(ErrorCode.VALIDATION_FAILED,
                "Unknown tenant role '" + value + "'; roles are " + String.join(", ", relations()));
    }
}
