package org.haven.cli.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The short forms {@code haven datasets aggregate} takes for an aggregate's filters and measures, read on the command
 * line so that a typo is a usage error before anything is sent. Filter values stay text: the server types them by
 * the field's data type.
 */
final class AggregateTerms {

    /** Longest operators first, so that {@code >=} is not read as {@code >} and a value starting with '='. */
    private static final Map<String, String> OPERATORS = new LinkedHashMap<>();

    static {
        OPERATORS.put("!=", "ne");
        OPERATORS.put("<=", "le");
        OPERATORS.put(">=", "ge");
        OPERATORS.put("<", "lt");
        OPERATORS.put(">", "gt");
        OPERATORS.put("=", "eq");
    }

    private static final List<String> MEASURE_OPS = List.of("count", "count_distinct", "sum", "mean", "min", "max");

    private AggregateTerms() {
    }

    /** {@code age>=18}: a field, an operator among =, !=, <, <=, >, >= and a value. */
    record Filter(String field, String op, String value) {

        Map<String, Object> toBody() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("field", field);
            body.put("op", op);
            body.put("value", value);
            return body;
        }
    }

    /** {@code count}, or an op and a field: {@code mean:weight_kg}. */
    record Measure(String op, String field) {

        Map<String, Object> toBody() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("op", op);
            if (field != null) {
                body.put("field", field);
            }
            return body;
        }
    }

    static final class FilterConverter implements ITypeConverter<Filter> {

        @Override
        public Filter convert(String text) {
            int start = operatorStart(text);
            if (start > 0) {
                for (Map.Entry<String, String> operator : OPERATORS.entrySet()) {
                    if (text.startsWith(operator.getKey(), start)) {
                        String value = text.substring(start + operator.getKey().length());
                        if (value.isEmpty()) {
                            throw new TypeConversionException("'" + text + "' has no value after " + operator.getKey());
                        }
                        return new Filter(text.substring(0, start).trim(), operator.getValue(), value);
                    }
                }
            }
            throw new TypeConversionException("'" + text + "' is not a filter such as age>=18 or sex=F "
                    + "(operators: =, !=, <, <=, >, >=)");
        }

        /** Where the first operator character is: field names have none. */
        private static int operatorStart(String text) {
            for (int i = 0; i < text.length(); i++) {
                if ("!<>=".indexOf(text.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    static final class MeasureConverter implements ITypeConverter<Measure> {

        @Override
        public Measure convert(String text) {
            int colon = text.indexOf(':');
            String op = (colon < 0 ? text : text.substring(0, colon)).trim();
            String field = colon < 0 ? null : text.substring(colon + 1).trim();
            if (!MEASURE_OPS.contains(op) || (field != null && field.isEmpty())) {
                throw new TypeConversionException("'" + text + "' is not a measure such as count or mean:weight_kg "
                        + "(ops: " + String.join(", ", MEASURE_OPS) + ")");
            }
            return new Measure(op, field);
        }
    }
}
