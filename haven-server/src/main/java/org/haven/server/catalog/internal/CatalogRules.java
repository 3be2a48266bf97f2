package org.haven.server.catalog.internal;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.haven.server.catalog.Dataset;
import org.haven.server.errors.FieldErrors;

/**
 * What dataset names, descriptions and tags may be. Names are identifiers people type on the command line and
 * pipelines refer to, so they are lower case (uniqueness then means what it looks like) and need no quoting in a
 * shell or a URL. Tags are for filtering, with the same restraint plus {@code .} and {@code :} for namespaces
 * such as {@code source:gp}. The database checks the same rules as a backstop.
 */
final class CatalogRules {

    static final String NAME_RULE = Dataset.NAME_RULE;
    static final String TAG_RULE = "1 to 40 characters: lower-case letters, digits, '_', '-', '.' and ':', starting with a letter or digit";
    static final int MAX_TAGS = 20;
    static final int MAX_DESCRIPTION = 2000;

    private static final Pattern NAME_PREFIX = Pattern.compile("[a-z0-9_-]{1,63}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,39}");

    private final FieldErrors errors = new FieldErrors();

    CatalogRules name(String name) {
        if (!Dataset.isValidName(name)) {
            errors.add("name", "must be " + NAME_RULE);
        }
        return this;
    }

    CatalogRules description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return this;
    }

    CatalogRules tags(List<String> tags) {
        if (tags == null) {
            return this;
        }
        if (tags.size() > MAX_TAGS) {
            errors.add("tags", "at most " + MAX_TAGS + " tags");
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || !TAG.matcher(tag).matches()) {
                errors.add("tags[" + i + "]", "must be " + TAG_RULE);
            }
        }
        return this;
    }

    CatalogRules namePrefix(String prefix) {
        if (prefix != null && !NAME_PREFIX.matcher(prefix).matches()) {
            errors.add("name_prefix", "must be the start of a name: " + NAME_RULE);
        }
        return this;
    }

    /** Raises every error found so far as one problem; does nothing when there is none. */
    void check() {
        errors.check("request");
    }

    /** Tags as stored: each once, sorted, so that two requests naming the same tags store the same value. */
    static List<String> normalised(List<String> tags) {
        return tags == null ? List.of() : List.copyOf(new TreeSet<>(tags));
    }

}
