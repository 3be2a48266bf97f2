package org.haven.server.query.internal;

import java.util.List;
import org.haven.schema.Field;

/**
 * An aggregate request after {@link AggregateQueryParser} has checked it against the version's schema and the
 * caller's result type: fields of the schema, known ops, values typed as their field's data type.
 *
 * @param groupBy at most three fields; none for one group of every record that passes the filters
 * @param measures at least one ({@code count} when the request names none), no two with the same name
 */
record AggregateQuery(List<Field> groupBy, List<Filter> filters, List<Measure> measures) {

    AggregateQuery {
        groupBy = List.copyOf(groupBy);
        filters = List.copyOf(filters);
        measures = List.copyOf(measures);
    }

    List<String> groupByNames() {
        return groupBy.stream().map(Field::name).toList();
    }

    /**
     * One condition on a field; every filter must hold.
     *
     * @param values the typed values ({@code Long}, {@code BigDecimal}, {@code Boolean}, {@code LocalDate},
     *     {@code OffsetDateTime} or {@code String}): one, several for {@code in}, none for the null tests
     */
    record Filter(Field field, FilterOp op, List<Object> values) {

        Filter {
            values = List.copyOf(values);
        }
    }

    /** @param field null for {@code count} */
    record Measure(MeasureOp op, Field field) {

        /** The measure's name in a result: {@code count}, {@code mean_weight_kg}. */
        String name() {
            return field == null ? op.wireName() : op.wireName() + "_" + field.name();
        }
    }
}
