package org.haven.authz.schema;

import java.util.Map;

/** A parsed and checked schema: immutable, safe to share between threads. */
public record CompiledSchema(Map<String, Definition> definitions, Map<String, CaveatDefinition> caveats, boolean expirationEnabled, String source) {

    public CompiledSchema {
        definitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(definitions));
        caveats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(caveats));
    }

    public Definition definition(String type) {
        return definitions.get(type);
    }

    public CaveatDefinition caveat(String name) {
        return caveats.get(name);
    }
}
