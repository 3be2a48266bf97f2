package org.haven.authz;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The answer of a check; for CONDITIONAL, the caveat parameters that were missing from the context. */
public record CheckResult(Permissionship permissionship, Set<String> missingCaveatParameters) {

    public static final CheckResult HAS_PERMISSION = new CheckResult(Permissionship.HAS_PERMISSION, Set.of());
    public static final CheckResult NO_PERMISSION = new CheckResult(Permissionship.NO_PERMISSION, Set.of());

    public CheckResult {
        Objects.requireNonNull(permissionship, "permissionship");
        missingCaveatParameters = Set.copyOf(missingCaveatParameters == null ? Set.of() : missingCaveatParameters);
    }

    public static CheckResult conditional(Set<String> missing) {
        return new CheckResult(Permissionship.CONDITIONAL, new TreeSet<>(missing));
    }

    public boolean hasPermission() {
        return permissionship == Permissionship.HAS_PERMISSION;
    }

    public boolean isConditional() {
        return permissionship == Permissionship.CONDITIONAL;
    }

    @Override
    public String toString() {
        return isConditional() ? "CONDITIONAL" + new TreeSet<>(missingCaveatParameters) : permissionship.toString();
    }
}
