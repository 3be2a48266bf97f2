package org.haven.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.haven.schema.SchemaException.Problem;
import org.haven.schema.internal.FieldNames;
import org.haven.schema.internal.TypedValues;

/**
 * One field of a schema. Validated on construction, so a {@code Field} that exists is usable: the name is legal,
 * every constraint applies to the type and parses for it, and a CODE field has a code list.
 *
 * @param name letters, digits and underscores, starting with a letter, at most 63 characters
 * @param description free text for people; empty when there is none
 * @param constraints limits on values; {@link Constraints#NONE} when there are none
 * @param codeList the codes a CODE field allows, in order; empty for every other type
 */
public record Field(String name, DataType dataType, IdentifierType identifierType, boolean required,
        String description, Constraints constraints, List<String> codeList) {

    public Field {
        if (!FieldNames.isValid(name)) {
            throw new SchemaException(Problem.INVALID_FIELD_NAME, name, "a field name has letters, digits and "
                    + "underscores, starts with a letter and has at most " + FieldNames.MAX_LENGTH + " characters");
        }
        if (dataType == null) {
            throw new SchemaException(Problem.MISSING_PROPERTY, name, "data_type is required");
        }
        if (identifierType == null) {
            throw new SchemaException(Problem.MISSING_PROPERTY, name, "identifier_type is required");
        }
        description = description == null ? "" : description;
        constraints = constraints == null ? Constraints.NONE : constraints;
        codeList = codeList == null ? List.of() : List.copyOf(codeList);
        checkCodeList(name, dataType, codeList);
        checkConstraints(name, dataType, constraints, codeList);
    }

    /** An optional field without description, constraints or code list. */
    public static Field of(String name, DataType dataType, IdentifierType identifierType) {
        return new Field(name, dataType, identifierType, false, "", Constraints.NONE, List.of());
    }

    /** A CODE field with the given codes. */
    public static Field code(String name, IdentifierType identifierType, List<String> codes) {
        return new Field(name, DataType.CODE, identifierType, false, "", Constraints.NONE, codes);
    }

    public Field withRequired(boolean newRequired) {
        return new Field(name, dataType, identifierType, newRequired, description, constraints, codeList);
    }

    public Field withDescription(String newDescription) {
        return new Field(name, dataType, identifierType, required, newDescription, constraints, codeList);
    }

    public Field withConstraints(Constraints newConstraints) {
        return new Field(name, dataType, identifierType, required, description, newConstraints, codeList);
    }

    public Field withIdentifierType(IdentifierType newIdentifierType) {
        return new Field(name, dataType, newIdentifierType, required, description, constraints, codeList);
    }

    private static void checkCodeList(String name, DataType dataType, List<String> codeList) {
        if (dataType != DataType.CODE) {
            if (!codeList.isEmpty()) {
                throw new SchemaException(Problem.CONSTRAINT_NOT_APPLICABLE, name,
                        "only a CODE field has a code list, this field is " + dataType);
            }
            return;
        }
        if (codeList.isEmpty()) {
            throw new SchemaException(Problem.MISSING_CODE_LIST, name, "a CODE field needs a non-empty code_list");
        }
        Set<String> seen = new HashSet<>();
        for (String code : codeList) {
            if (code == null || code.isBlank() || !code.equals(code.strip())) {
                throw new SchemaException(Problem.INVALID_CODE_LIST, name,
                        "codes are non-empty and have no surrounding spaces");
            }
            if (!seen.add(code)) {
                throw new SchemaException(Problem.INVALID_CODE_LIST, name, "code '" + code + "' is listed twice");
            }
        }
    }

    private static void checkConstraints(String name, DataType dataType, Constraints constraints,
            List<String> codeList) {
        if (constraints.hasRange() && !dataType.isOrdered()) {
            throw new SchemaException(Problem.CONSTRAINT_NOT_APPLICABLE, name,
                    "minimum and maximum apply to numbers, dates and date-times, not " + dataType);
        }
        if (constraints.hasTextLimits() && !dataType.isFreeText()) {
            throw new SchemaException(Problem.CONSTRAINT_NOT_APPLICABLE, name,
                    "pattern and lengths apply to STRING, CODE and EMAIL, not " + dataType);
        }
        Object minimum = rangeLimit(name, dataType, constraints.minimum(), "minimum");
        Object maximum = rangeLimit(name, dataType, constraints.maximum(), "maximum");
        if (minimum != null && maximum != null && compare(minimum, maximum) > 0) {
            throw new SchemaException(Problem.INVALID_RANGE, name, "minimum is greater than maximum");
        }
        for (String allowed : constraints.allowedValues()) {
            if (allowed == null || allowed.isBlank() || TypedValues.parse(dataType, allowed.strip()) == null) {
                throw new SchemaException(Problem.INVALID_ALLOWED_VALUE, name,
                        "an allowed value is not a valid " + dataType);
            }
            if (dataType == DataType.CODE && !codeList.contains(allowed.strip())) {
                throw new SchemaException(Problem.INVALID_ALLOWED_VALUE, name,
                        "allowed value '" + allowed + "' is not in the code list");
            }
        }
    }

    private static Object rangeLimit(String name, DataType dataType, String limit, String which) {
        if (limit == null) {
            return null;
        }
        Object typed = TypedValues.parse(dataType, limit.strip());
        if (typed == null) {
            throw new SchemaException(Problem.INVALID_RANGE, name, which + " '" + limit + "' is not a valid "
                    + dataType);
        }
        return TypedValues.comparable(typed);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object left, Object right) {
        return ((Comparable) left).compareTo(right);
    }
}
