package org.haven.authz;

import java.util.regex.Pattern;

/** SpiceDB's rules for the names and ids that appear in schemas and relationships. */
public final class Names {

    private static final Pattern TYPE = Pattern.compile("([a-z][a-z0-9_]{1,61}[a-z0-9]/)*[a-z][a-z0-9_]{1,62}[a-z0-9]");
    private static final Pattern RELATION = Pattern.compile("[a-z][a-z0-9_]{1,62}[a-z0-9]");
    private static final Pattern OBJECT_ID = Pattern.compile("[a-zA-Z0-9/_|\\-=+]{1,1024}");

    private Names() {}

    /** Definition and caveat names: lower case, 3 to 64 characters, optionally prefixed by namespaces ({@code org/user}). */
    public static boolean isValidTypeName(String name) {
        return name != null && TYPE.matcher(name).matches();
    }

    /** Relation and permission names: lower case, 3 to 64 characters. */
    public static boolean isValidRelationName(String name) {
        return name != null && RELATION.matcher(name).matches();
    }

    /** Object ids: up to 1024 characters of letters, digits and {@code / _ | - = +}. The wildcard is not an id. */
    public static boolean isValidObjectId(String id) {
        return id != null && OBJECT_ID.matcher(id).matches();
    }
}
