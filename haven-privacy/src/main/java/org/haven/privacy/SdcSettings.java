package org.haven.privacy;

/**
 * Disclosure control settings: counts at or below {@code threshold} are suppressed, every other count is rounded to
 * the nearest multiple of {@code roundingBase} (halves up). Defaults 7 and 5; tenants may set their own.
 */
public record SdcSettings(int threshold, int roundingBase) {

    public static final SdcSettings DEFAULTS = new SdcSettings(7, 5);

    public SdcSettings {
        if (threshold < 0) {
            throw new IllegalArgumentException("the suppression threshold is zero or more");
        }
        if (roundingBase < 1) {
            throw new IllegalArgumentException("the rounding base is one or more");
        }
    }

    long round(long count) {
        return (count + roundingBase / 2) / roundingBase * roundingBase;
    }
}
