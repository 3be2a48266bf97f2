package org.haven.server.query.internal;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.VersionRecords;
import org.haven.datasets.VersionSql;
import org.haven.schema.Field;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.query.internal.AggregateQuery.Filter;
import org.haven.server.query.internal.AggregateQuery.Measure;

/**
 * The DuckDB statement of an aggregate over a version's Parquet files. The only text spliced into it is what
 * {@link VersionSql} makes of the manifest (file paths, and columns that are fields of its schema, quoted) and fixed
 * SQL; every value of the request is a bound parameter. Dates and date-times are bound as their ISO text and cast in
 * the statement, the other values as their Java types. Groups come back ordered by their values, nulls last.
 */
final class AggregateSql {

    /** More groups than anyone reads, and more than disclosure control should be asked to protect at once. */
    static final int MAX_GROUPS = 10_000;

    private final AggregateQuery query;
    private final String sql;
    private final List<Object> parameters;

    private AggregateSql(AggregateQuery query, String sql, List<Object> parameters) {
        this.query = query;
        this.sql = sql;
        this.parameters = parameters;
    }

    static AggregateSql of(AggregateQuery query, Path versionDirectory, DatasetManifest manifest) {
        StringJoiner select = new StringJoiner(", ");
        StringJoiner groupBy = new StringJoiner(", ");
        StringJoiner orderBy = new StringJoiner(", ");
        for (int i = 0; i < query.groupBy().size(); i++) {
            select.add(VersionSql.column(manifest, query.groupBy().get(i).name()) + " AS g" + i);
            groupBy.add("g" + i);
            orderBy.add("g" + i + " NULLS LAST");
        }
        select.add("count(*) AS n");
        for (int i = 0; i < query.measures().size(); i++) {
            Measure measure = query.measures().get(i);
            String column = measure.field() == null ? null : VersionSql.column(manifest, measure.field().name());
            select.add(measure.op().sql(column) + " AS m" + i);
        }
        List<Object> parameters = new ArrayList<>();
        StringJoiner where = new StringJoiner(" AND ");
        for (Filter filter : query.filters()) {
            where.add(condition(VersionSql.column(manifest, filter.field().name()), filter, parameters));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ")
                .append(VersionSql.scan(versionDirectory, manifest));
        if (!query.filters().isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        if (!query.groupBy().isEmpty()) {
            sql.append(" GROUP BY ").append(groupBy).append(" ORDER BY ").append(orderBy);
        }
        sql.append(" LIMIT ").append(MAX_GROUPS + 1);
        return new AggregateSql(query, sql.toString(), Collections.unmodifiableList(parameters));
    }

    String sql() {
        return sql;
    }

    List<Object> parameters() {
        return parameters;
    }

    /**
     * The groups, exact. Without group-by fields there is always one, of every record that passes the filters.
     *
     * @throws HavenException VALIDATION_FAILED when there are more than {@value #MAX_GROUPS} groups
     */
    List<AggregateGroup> run(DuckDbSession session) {
        try (PreparedStatement statement = session.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<AggregateGroup> groups = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (groups.size() == MAX_GROUPS) {
                        throw tooManyGroups();
                    }
                    groups.add(group(rows));
                }
            }
            return groups;
        } catch (SQLException e) {
            // DuckDB's messages can quote data: they go to the log with the cause, never to the caller.
            throw new HavenException(ErrorCode.INTERNAL, "The aggregate could not be computed", e);
        }
    }

    private AggregateGroup group(ResultSet rows) throws SQLException {
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            key.add(value(rows, query.groupBy().get(i), "g" + i));
        }
        List<Object> measures = new ArrayList<>();
        for (int i = 0; i < query.measures().size(); i++) {
            String column = "m" + i;
            Object value = switch (query.measures().get(i).op()) {
                case COUNT, COUNT_DISTINCT -> rows.getLong(column);
                case MEAN -> rows.getDouble(column);
                case SUM, MIN, MAX -> rows.getBigDecimal(column);
            };
            measures.add(rows.wasNull() ? null : value);
        }
        return new AggregateGroup(Collections.unmodifiableList(key), rows.getLong("n"),
                Collections.unmodifiableList(measures));
    }

    /** A group value as the Java type of its field's data type, as the version's records are read. */
    private static Object value(ResultSet rows, Field field, String column) throws SQLException {
        return VersionRecords.typedValue(rows, rows.findColumn(column), field.dataType());
    }

    private static String condition(String column, Filter filter, List<Object> parameters) {
        FilterOp op = filter.op();
        if (!op.takesValue()) {
            return column + " " + op.sql();
        }
        StringJoiner placeholders = new StringJoiner(", ", op.takesList() ? "(" : "", op.takesList() ? ")" : "");
        for (Object value : filter.values()) {
            placeholders.add(placeholder(filter.field()));
            parameters.add(bound(value));
        }
        return column + " " + op.sql() + " " + placeholders;
    }

    private static String placeholder(Field field) {
        return switch (field.dataType()) {
            case DATE -> "CAST(? AS DATE)";
            case DATETIME -> "CAST(? AS TIMESTAMPTZ)";
            default -> "?";
        };
    }

    private static Object bound(Object value) {
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof OffsetDateTime dateTime) {
            // With its own offset: as an instant, 9999-12-31T23:00-05:00 would be in a year DuckDB cannot parse.
            return dateTime.toString();
        }
        return value;
    }

    private static HavenException tooManyGroups() {
        return new HavenException(ErrorCode.VALIDATION_FAILED, "The aggregate has more than " + MAX_GROUPS
                + " groups; group by fewer fields or filter the records", Map.of("errors", List.of(Map.of(
                        "field", "group_by", "message", "gives more than " + MAX_GROUPS + " groups"))), null);
    }
}
