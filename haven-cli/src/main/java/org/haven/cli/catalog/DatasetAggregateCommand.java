package org.haven.cli.catalog;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.haven.cli.ApiCommand;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import org.haven.cli.catalog.AggregateTerms.Filter;
import org.haven.cli.catalog.AggregateTerms.FilterConverter;
import org.haven.cli.catalog.AggregateTerms.Measure;
import org.haven.cli.catalog.AggregateTerms.MeasureConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code haven datasets aggregate}: counts, sums, means, minima and maxima of a version's records by up to three
 * fields. The server decides how exact they are: callers who may read the identifiable data get exact figures, everyone
 * else figures under disclosure control, where a hidden figure prints as {@code suppressed}.
 */
@Command(name = "aggregate", description = "Aggregate a version's records: counts, sums, means, ... by up to three fields.")
final class DatasetAggregateCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "DATASET_ID")
    String dataset;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version number.")
    int version;

    @Option(names = "--group-by", paramLabel = "FIELD", split = ",",
            description = "Group by this field (repeat, or separate with commas; at most three).")
    List<String> groupBy;

    @Option(names = "--filter", paramLabel = "CONDITION", converter = FilterConverter.class,
            description = "Only records where FIELD=VALUE, FIELD!=VALUE, FIELD<VALUE, FIELD<=VALUE, FIELD>VALUE or "
                    + "FIELD>=VALUE, e.g. 'age>=18' (repeat: all must hold).")
    List<Filter> filters;

    @Option(names = "--measure", paramLabel = "MEASURE", converter = MeasureConverter.class,
            description = "count, or OP:FIELD with OP one of count_distinct, sum, mean, min, max, e.g. mean:weight_kg "
                    + "(repeat; default: count).")
    List<Measure> measures;

    @Override
    protected int execute(HavenApi api) {
        JsonNode result = api.post(VersionsCommand.version(dataset, version) + "/aggregate", HavenApi.body(
                "group_by", groupBy,
                "filters", filters == null ? null : filters.stream().map(Filter::toBody).toList(),
                "measures", measures == null ? null : measures.stream().map(Measure::toBody).toList()));
        return print(result, out -> printResult(out, result));
    }

    private static void printResult(PrintWriter out, JsonNode result) {
        out.println("result type: " + result.path("result_type").asString());
        List<String> groupFields = new ArrayList<>();
        result.path("group_by").forEach(field -> groupFields.add(field.asString()));
        List<String> measureNames = new ArrayList<>();
        result.path("measures").forEach(measure -> measureNames.add(measure.path("name").asString()));
        List<String> headers = new ArrayList<>(groupFields);
        headers.addAll(measureNames);
        Table table = Table.of(headers.toArray(String[]::new));
        result.path("rows").forEach(row -> {
            List<Object> cells = new ArrayList<>();
            groupFields.forEach(field -> cells.add(row.path("group").path(field)));
            measureNames.forEach(name -> {
                JsonNode cell = row.path("measures").path(name);
                cells.add(cell.path("suppressed").asBoolean() ? "suppressed" : cell.path("value"));
            });
            table.row(cells.toArray());
        });
        table.print(out);
        JsonNode disclosure = result.path("disclosure_control");
        if (disclosure.path("applied").asBoolean()) {
            out.println("disclosure control: " + disclosure.path("cells_suppressed").asInt() + " figure(s) suppressed. "
                    + disclosure.path("rule").asString());
        } else {
            out.println("exact figures: no disclosure control applies to you for this version");
        }
    }
}
