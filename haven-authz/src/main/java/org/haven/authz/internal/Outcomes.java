package org.haven.authz.internal;

import java.util.Set;
import java.util.TreeSet;
import org.haven.authz.CheckResult;
import org.haven.authz.Permissionship;

/** Three-valued logic over check results: conditional answers combine by collecting their missing parameters. */
final class Outcomes {

    private Outcomes() {}

    static CheckResult or(CheckResult left, CheckResult right) {
        if (left.hasPermission() || right.hasPermission()) {
            return CheckResult.HAS_PERMISSION;
        }
        if (left.isConditional() || right.isConditional()) {
            return CheckResult.conditional(union(left.missingCaveatParameters(), right.missingCaveatParameters()));
        }
        return CheckResult.NO_PERMISSION;
    }

    static CheckResult and(CheckResult left, CheckResult right) {
        if (isNo(left) || isNo(right)) {
            return CheckResult.NO_PERMISSION;
        }
        if (left.hasPermission() && right.hasPermission()) {
            return CheckResult.HAS_PERMISSION;
        }
        return CheckResult.conditional(union(left.missingCaveatParameters(), right.missingCaveatParameters()));
    }

    static CheckResult butNot(CheckResult base, CheckResult subtracted) {
        if (isNo(base) || subtracted.hasPermission()) {
            return CheckResult.NO_PERMISSION;
        }
        if (isNo(subtracted)) {
            return base;
        }
        return CheckResult.conditional(union(base.missingCaveatParameters(), subtracted.missingCaveatParameters()));
    }

    static boolean isNo(CheckResult result) {
        return result.permissionship() == Permissionship.NO_PERMISSION;
    }

    private static Set<String> union(Set<String> left, Set<String> right) {
        Set<String> all = new TreeSet<>(left);
        all.addAll(right);
        return all;
    }
}
