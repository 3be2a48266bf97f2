package org.haven.schema;

/**
 * One difference between two versions of a schema.
 *
 * @param fieldName the field it concerns (its name in the new version when it still exists)
 * @param detail a short sentence for people, such as "minimum 0 -> 18"
 */
public record SchemaChange(String fieldName, Kind kind, Impact impact, String detail) {

    /** Whether data and readers of the old version keep working with the new one. */
    public enum Impact {
        /** Every record valid under the old version stays valid, and nobody is exposed to more than before. */
        ADDITIVE,
        /** Needs the catalog's explicit flag: old records may fail, readers may break, or privacy meaning changes. */
        BREAKING
    }

    public enum Kind {
        OPTIONAL_FIELD_ADDED,
        REQUIRED_FIELD_ADDED,
        FIELD_REMOVED,
        FIELD_RENAMED,
        DATA_TYPE_CHANGED,
        MADE_REQUIRED,
        MADE_OPTIONAL,
        IDENTIFIER_TYPE_RAISED,
        IDENTIFIER_TYPE_LOWERED,
        DESCRIPTION_CHANGED,
        CODES_ADDED,
        CODES_REMOVED,
        PATTERN_ADDED,
        PATTERN_CHANGED,
        PATTERN_REMOVED,
        RANGE_TIGHTENED,
        RANGE_RELAXED,
        LENGTH_TIGHTENED,
        LENGTH_RELAXED,
        ALLOWED_VALUES_TIGHTENED,
        ALLOWED_VALUES_RELAXED
    }

    public boolean isBreaking() {
        return impact == Impact.BREAKING;
    }
}
