package org.haven.server.tenancy;

import java.util.Arrays;
import java.util.List;
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

    /** Every role's relation name, in declaration order. */
    public static List<String> relations() {
        return Arrays.stream(values()).map(ProjectRole::relation).toList();
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
