package org.haven.authz.schema;

import java.util.Map;

/** An object type with its relations and permissions (insertion order kept, as written). */
public record Definition(String name, Map<String, Relation> relations, Map<String, Permission> permissions, SourcePosition position) {

    public Definition {
        relations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(relations));
        permissions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(permissions));
    }

    public boolean hasRelationOrPermission(String name) {
        return relations.containsKey(name) || permissions.containsKey(name);
    }

    public Relation relation(String name) {
        return relations.get(name);
    }

    public Permission permission(String name) {
        return permissions.get(name);
    }
}
