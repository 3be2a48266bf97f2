package org.haven.privacy.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;

import org.haven.privacy.Hierarchies;
import org.haven.privacy.Hierarchy;
import org.haven.privacy.SuppressionReason;
import org.haven.privacy.internal.GeneraliseTreatment.Generaliser;
import org.haven.schema.DataType;

/** The {@code to:} targets of {@code generalise}. */
final class Generalisers {

    /** Older than this on the reference date is an impossible date of birth, not a very old person. */
    static final int MAX_PLAUSIBLE_AGE = 130;

    private Generalisers() {
    }

    enum DateLevel { YEAR, QUARTER, MONTH }

    static Generaliser date(DateLevel level) {
        return new Generaliser() {
            @Override
            public DataType outputType() {
                return level == DateLevel.YEAR ? DataType.INTEGER : DataType.STRING;
            }

            @Override
            public Object apply(Object value) {
                LocalDate date = localDate(value);
                if (date == null) {
                    return SuppressionReason.UNEXPECTED_TYPE;
                }
                return switch (level) {
                    case YEAR -> (long) date.getYear();
                    case QUARTER -> Generalisations.quarter(date);
                    case MONTH -> Generalisations.month(date);
                };
            }
        };
    }

    /**
     * Age bands {@code [lo,hi)} of the given width, with everyone at or over {@code top} as {@code top+}. From an
     * INTEGER age, or from a date of birth and the reference date (fixed in the policy, so a re-run gives the same
     * bands).
     */
    static Generaliser ageBand(int width, int top, LocalDate reference) {
        return new Generaliser() {
            @Override
            public DataType outputType() {
                return DataType.STRING;
            }

            @Override
            public Object apply(Object value) {
                long age;
                if (value instanceof Long years) {
                    age = years;
                } else {
                    LocalDate birth = localDate(value);
                    if (birth == null) {
                        return SuppressionReason.UNEXPECTED_TYPE;
                    }
                    age = Period.between(birth, reference).getYears();
                    if (birth.isAfter(reference)) {
                        return SuppressionReason.OUT_OF_RANGE;
                    }
                }
                if (age < 0 || age > MAX_PLAUSIBLE_AGE) {
                    return SuppressionReason.OUT_OF_RANGE;
                }
                if (age >= top) {
                    return top + "+";
                }
                return Generalisations.band(age, width);
            }
        };
    }

    static Generaliser postcodeDistrict(boolean area) {
        return new Generaliser() {
            @Override
            public DataType outputType() {
                return DataType.STRING;
            }

            @Override
            public Object apply(Object value) {
                if (!(value instanceof String text)) {
                    return SuppressionReason.UNEXPECTED_TYPE;
                }
                String result = area ? Postcodes.area(text) : Postcodes.district(text);
                return result == null ? SuppressionReason.MALFORMED : result;
            }
        };
    }

    /** ZIP codes as text; an INTEGER ZIP lost its leading zeros, so it is padded back to five digits. */
    static Generaliser zip3() {
        return new Generaliser() {
            @Override
            public DataType outputType() {
                return DataType.STRING;
            }

            @Override
            public Object apply(Object value) {
                String text;
                if (value instanceof String string) {
                    text = string;
                } else if (value instanceof Long number) {
                    if (number < 0 || number > 99_999) {
                        return SuppressionReason.MALFORMED;
                    }
                    text = String.format("%05d", number);
                } else {
                    return SuppressionReason.UNEXPECTED_TYPE;
                }
                String result = Generalisations.zip3(text);
                return result == null ? SuppressionReason.MALFORMED : result;
            }
        };
    }

    static Generaliser range(BigDecimal width) {
        long wholeWidth = width.stripTrailingZeros().scale() <= 0 ? width.longValue() : 0;
        return new Generaliser() {
            @Override
            public DataType outputType() {
                return DataType.STRING;
            }

            @Override
            public Object apply(Object value) {
                if (value instanceof Long number && wholeWidth > 0) {
                    return Generalisations.band(number, wholeWidth);
                }
                if (value instanceof BigDecimal number) {
                    return Generalisations.band(number, width);
                }
                return SuppressionReason.UNEXPECTED_TYPE;
            }
        };
    }

    static Generaliser hierarchy(DataType inputType, Hierarchy hierarchy, int level) {
        return new Generaliser() {
            @Override
            public DataType outputType() {
                return DataType.STRING;
            }

            @Override
            public Object apply(Object value) {
                String text = TypedText.of(inputType, value);
                if (text == null) {
                    return SuppressionReason.UNEXPECTED_TYPE;
                }
                String result = hierarchy.generalise(text, level);
                return result == null ? SuppressionReason.NOT_IN_HIERARCHY : result;
            }
        };
    }

    static Hierarchy table(String csv) {
        return Hierarchies.table(csv);
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toLocalDate();
        }
        return null;
    }
}
