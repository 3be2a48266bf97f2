package org.haven.schema;

/** How much a field on its own says about who a record is about; de-identification is driven by it. */
public enum IdentifierType {
    /** Identifies a person on its own: NHS number, name, address, e-mail, phone. */
    DIRECT,
    /** Identifies a person in combination with others: postcode, date of birth, sex, ethnicity. */
    INDIRECT,
    /** Not identifying. */
    NON_ID;

    /** Whether this type says more about a person than {@code other}. */
    public boolean isMoreIdentifyingThan(IdentifierType other) {
        return ordinal() < other.ordinal();
    }

    /** Whether example values of such a field must be masked before anyone sees them. */
    public boolean isIdentifying() {
        return this != NON_ID;
    }
}
