package org.haven.privacy;

/** What disclosure control did to one count. */
public enum CellStatus {
    /** Shown, rounded to the base. */
    PUBLISHED,
    /** Hidden: the count is at or below the threshold (or rounds to it). */
    PRIMARY_SUPPRESSED,
    /** Hidden so that a primary suppression cannot be worked out from the totals. */
    SECONDARY_SUPPRESSED;

    public boolean isSuppressed() {
        return this != PUBLISHED;
    }
}
