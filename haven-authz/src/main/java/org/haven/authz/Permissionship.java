package org.haven.authz;

/** The three answers of a check. CONDITIONAL means a caveat could not be decided without more context. */
public enum Permissionship { HAS_PERMISSION, NO_PERMISSION, CONDITIONAL }
