package org.haven.cli.fhir;

import java.util.Map;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.ListOptions;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code haven observations}: the Observations a FHIR source's ingests keep, as the caller's grant shows them. */
@Command(name = "observations", description = "Read the Observations ingested from a FHIR source, as your grant allows.",
        subcommands = {ObservationsCommand.List.class})
public final class ObservationsCommand extends CommandGroup {

    @Command(name = "list", description = {"List observations of a patient, or of a code, in effective time order.",
            "--from and --to take a date (the whole day, UTC) or a date-time with an offset; both are inclusive."})
    static final class List extends ApiCommand {

        @Mixin
        PatientsCommand.ReadOptions read;

        @Option(names = "--patient", paramLabel = "PATIENT_ID", description = "The patient's id on the source's server.")
        String patient;

        @Option(names = "--code", paramLabel = "CODE", description = "A code, or SYSTEM|CODE (e.g. http://loinc.org|8867-4).")
        String code;

        @Option(names = "--from", paramLabel = "TIME", description = "Effective at or after this date or time.")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Effective at or before this date or time.")
        String to;

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> query = list.query();
            query.putAll(read.query());
            query.put("patient_id", patient);
            query.put("code", code);
            query.put("from", from);
            query.put("to", to);
            JsonNode page = api.list("/api/v1/observations", query, list.all());
            return print(page, out -> {
                Table table = Table.of("id", "patient", "effective", "code", "display", "value", "unit", "status");
                page.path("items").forEach(item -> {
                    JsonNode observation = item.path("record");
                    JsonNode effective = observation.path("effective_date_time").isNull()
                            ? observation.path("effective_date") : observation.path("effective_date_time");
                    JsonNode value = observation.path("value_quantity").isNull()
                            ? observation.path("value_code").isNull() ? observation.path("value_string")
                                    : observation.path("value_code")
                            : observation.path("value_quantity");
                    table.row(observation.path("observation_id"), observation.path("patient_id"), effective,
                            observation.path("code"), observation.path("code_display"), value,
                            observation.path("value_unit"), observation.path("status"));
                });
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }
}
