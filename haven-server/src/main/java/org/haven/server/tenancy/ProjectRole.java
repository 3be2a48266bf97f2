package org.haven.server.tenancy;

import java.util.Locale;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/** Roles people and apps hold in a project. */
public enum ProjectRole {
    PROJECT_ADMIN,
    DATA_USER;

    public String relation() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProjectRole parse(String value) {
        for (ProjectRole role : values()) {
            if (role.relation().equals(value)) {
                return role;
            }
        }
        throw new HavenException(ErrorCode.VALIDATION_FAILED, "Unknown project role '" + value + "'; roles are project_admin, data_user");
    }
}
