package org.haven.authz.schema;

/** A computed permission: never written, always derived from its expression. */
public record Permission(String name, PermissionExpression expression, SourcePosition position) {}
