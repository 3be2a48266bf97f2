package org.haven.privacy.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.haven.privacy.Hierarchy;
import org.haven.privacy.PolicyProblem;
import org.haven.privacy.PolicyProblem.Code;
import org.haven.privacy.Treatment;
import org.haven.privacy.TreatmentKind;
import org.haven.privacy.TreatmentSpec;
import org.haven.privacy.internal.GeneraliseTreatment.Generaliser;
import org.haven.privacy.internal.Generalisers.DateLevel;
import org.haven.schema.DataType;
import org.haven.schema.Field;

/** Builds a treatment for a field from its spec, or records why it does not fit. */
public final class Treatments {

    private static final Set<DataType> MASKABLE = EnumSet.of(DataType.STRING, DataType.NHS_NUMBER,
            DataType.POSTCODE, DataType.CODE, DataType.EMAIL, DataType.INTEGER);
    private static final Set<DataType> DATES = EnumSet.of(DataType.DATE, DataType.DATETIME);
    private static final Set<String> GENERALISE_PARAMETERS =
            Set.of("to", "width", "top", "reference", "table", "level");

    private Treatments() {
    }

    /** The treatment, or null after adding at least one problem naming the field. */
    public static Treatment create(Field field, TreatmentSpec spec, List<PolicyProblem> problems) {
        int before = problems.size();
        Parameters parameters = new Parameters(field.name(), spec.parameters(), problems);
        DataType type = field.dataType();
        Treatment treatment = switch (spec.kind()) {
            case KEEP -> {
                parameters.allowOnly(Set.of(), "keep");
                yield new KeepTreatment(field);
            }
            case DROP -> {
                parameters.allowOnly(Set.of(), "drop");
                yield new DropTreatment();
            }
            case TOKENISE, PSEUDONYMISE -> {
                parameters.allowOnly(Set.of(), spec.kind().wireName());
                if (type == DataType.BOOLEAN) {
                    parameters.problem(Code.TREATMENT_NOT_APPLICABLE, spec.kind().wireName()
                            + " does not protect a BOOLEAN: two values give two tokens; use drop or keep");
                }
                yield spec.kind() == TreatmentKind.TOKENISE ? new TokeniseTreatment(field)
                        : new PseudonymiseTreatment(field);
            }
            case ENCRYPT -> {
                parameters.allowOnly(Set.of(), "encrypt");
                yield new EncryptTreatment(field);
            }
            case MASK -> mask(field, parameters);
            case GENERALISE -> generalise(field, spec, parameters);
        };
        return problems.size() > before ? null : treatment;
    }

    private static Treatment mask(Field field, Parameters parameters) {
        parameters.allowOnly(MaskTreatment.PARAMETERS, "mask");
        if (!MASKABLE.contains(field.dataType())) {
            parameters.problem(Code.TREATMENT_NOT_APPLICABLE, "mask applies to text, codes, identifiers and "
                    + "integers, not " + field.dataType());
        }
        int keepLast = parameters.integer("keep_last", 4, 0, 64);
        String maskChar = parameters.string("char", "*");
        if (maskChar.length() != 1) {
            parameters.problem(Code.INVALID_PARAMETER, "'char' must be a single character");
        }
        return new MaskTreatment(field, keepLast, maskChar.charAt(0));
    }

    private static Treatment generalise(Field field, TreatmentSpec spec, Parameters parameters) {
        parameters.allowOnly(GENERALISE_PARAMETERS, "generalise");
        DataType type = field.dataType();
        String to = parameters.string("to", defaultTarget(type));
        if (to == null) {
            parameters.problem(Code.MISSING_PARAMETER, "generalise needs 'to' for a " + type + " field (one of "
                    + "year, quarter, month, age_band, district, area, zip3, range, hierarchy)");
            return null;
        }
        Generaliser generaliser = switch (to) {
            case "year", "quarter", "month" -> {
                require(parameters, DATES.contains(type), to, type);
                yield Generalisers.date(DateLevel.valueOf(to.toUpperCase(java.util.Locale.ROOT)));
            }
            case "age_band" -> ageBand(type, parameters);
            case "district", "area" -> {
                require(parameters, type == DataType.POSTCODE || type == DataType.STRING, to, type);
                yield Generalisers.postcodeDistrict(to.equals("area"));
            }
            case "zip3" -> {
                require(parameters, type == DataType.STRING || type == DataType.INTEGER, to, type);
                yield Generalisers.zip3();
            }
            case "range" -> {
                require(parameters, type == DataType.INTEGER || type == DataType.DECIMAL, to, type);
                BigDecimal width = parameters.positive("width");
                if (type == DataType.INTEGER && width.stripTrailingZeros().scale() > 0) {
                    parameters.problem(Code.INVALID_PARAMETER, "'width' of an INTEGER range must be whole");
                }
                yield Generalisers.range(width);
            }
            case "hierarchy" -> hierarchy(type, parameters);
            default -> {
                parameters.problem(Code.INVALID_PARAMETER, "'to' must be one of year, quarter, month, age_band, "
                        + "district, area, zip3, range, hierarchy");
                yield null;
            }
        };
        checkOnlyFor(parameters, to, "width", Set.of("age_band", "range"));
        checkOnlyFor(parameters, to, "top", Set.of("age_band"));
        checkOnlyFor(parameters, to, "reference", Set.of("age_band"));
        checkOnlyFor(parameters, to, "table", Set.of("hierarchy"));
        checkOnlyFor(parameters, to, "level", Set.of("hierarchy"));
        return generaliser == null ? null : new GeneraliseTreatment(field, spec, generaliser);
    }

    private static Generaliser ageBand(DataType type, Parameters parameters) {
        int width = parameters.integer("width", 10, 1, 130);
        int top = parameters.integer("top", 90, 1, 130);
        if (top % width != 0) {
            parameters.problem(Code.INVALID_PARAMETER, "'top' must be a multiple of 'width'");
        }
        LocalDate reference = null;
        if (DATES.contains(type)) {
            reference = parameters.date("reference");
            if (reference == null && !parameters.has("reference")) {
                parameters.problem(Code.MISSING_PARAMETER, "age_band from a date of birth needs 'reference', the "
                        + "ISO date ages are counted at");
            }
        } else if (type == DataType.INTEGER) {
            if (parameters.has("reference")) {
                parameters.problem(Code.INVALID_PARAMETER, "'reference' applies to dates of birth, not INTEGER ages");
            }
        } else {
            require(parameters, false, "age_band", type);
        }
        return Generalisers.ageBand(width, top, reference == null ? LocalDate.EPOCH : reference);
    }

    private static Generaliser hierarchy(DataType type, Parameters parameters) {
        String table = parameters.string("table", null);
        if (table == null) {
            parameters.problem(Code.MISSING_PARAMETER, "hierarchy needs 'table', CSV rows value,level1,level2,...");
            return null;
        }
        Hierarchy hierarchy;
        try {
            hierarchy = Generalisers.table(table);
        } catch (IllegalArgumentException e) {
            parameters.problem(Code.INVALID_PARAMETER, "'table' is not a hierarchy: " + e.getMessage());
            return null;
        }
        int level = parameters.integer("level", 1, 1, hierarchy.height() - 1 < 1 ? 1 : hierarchy.height() - 1);
        return Generalisers.hierarchy(type, hierarchy, level);
    }

    private static void checkOnlyFor(Parameters parameters, String to, String name, Set<String> targets) {
        if (parameters.has(name) && !targets.contains(to)) {
            parameters.problem(Code.UNKNOWN_PARAMETER, "'" + name + "' does not apply to generalise to " + to);
        }
    }

    private static void require(Parameters parameters, boolean fits, String to, DataType type) {
        if (!fits) {
            parameters.problem(Code.TREATMENT_NOT_APPLICABLE, "generalise to " + to + " does not apply to " + type);
        }
    }

    /** What {@code generalise} without {@code to} means for a type; null when there is no sensible default. */
    public static String defaultTarget(DataType type) {
        return switch (type) {
            case DATE, DATETIME -> "year";
            case POSTCODE -> "district";
            default -> null;
        };
    }
}
