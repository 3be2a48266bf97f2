package org.haven.cli.fhir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.ListOptions;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven patients}: the Patients a FHIR source's ingests keep, as the caller's grant shows them. */
@Command(name = "patients", description = "Read the Patients ingested from a FHIR source, as your grant allows.",
        subcommands = {PatientsCommand.Get.class, PatientsCommand.Search.class})
public final class PatientsCommand extends CommandGroup {

    @Command(name = "get", description = "Show one patient, by its id on the source's server.")
    static final class Get extends ApiCommand {

        @Parameters(paramLabel = "PATIENT_ID")
        String patient;

        @Mixin
        ReadOptions read;

        @Override
        protected int execute(HavenApi api) {
            JsonNode answer = api.get("/api/v1/patients/" + HavenApi.segment(patient)
                    + HavenApi.queryString(read.query()));
            return print(answer, out -> {
                out.println("result type: " + answer.path("result_type").asString());
                out.println("updated:     " + answer.path("updated_at").asString());
                JsonNode record = answer.path("record");
                String[] fields = record.propertyNames().stream()
                        .flatMap(name -> Stream.of(name, name)).toArray(String[]::new);
                Table.printFields(out, record, fields);
            });
        }
    }

    @Command(name = "search", description = {"Find patients by name, postal code and birth date.",
            "Names match from their start, in any case (--family-name smi finds Smith); --first-name matches the first "
                    + "given name. A pseudonymised grant shows names as tokens and does not allow searching by them."})
    static final class Search extends ApiCommand {

        @Mixin
        ReadOptions read;

        @Option(names = "--family-name", paramLabel = "NAME", description = "Family name, or its start.")
        String familyName;

        @Option(names = "--first-name", paramLabel = "NAME", description = "First given name, or its start.")
        String firstName;

        @Option(names = "--postal-code", paramLabel = "CODE", description = "Postal code, exactly.")
        String postalCode;

        @Option(names = "--birth-date", paramLabel = "DATE", description = "Birth date, YYYY-MM-DD.")
        String birthDate;

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> query = list.query();
            query.putAll(read.query());
            query.put("family_name", familyName);
            query.put("first_name", firstName);
            query.put("postal_code", postalCode);
            query.put("birth_date", birthDate);
            JsonNode page = api.list("/api/v1/patients", query, list.all());
            return print(page, out -> {
                Table table = Table.of("id", "family name", "given names", "birth date", "gender", "postal code");
                page.path("items").forEach(item -> {
                    JsonNode patient = item.path("record");
                    table.row(patient.path("patient_id"), patient.path("family_name"), patient.path("given_names"),
                            patient.path("birth_date"), patient.path("gender"), patient.path("postal_code"));
                });
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }

    /** The source a read is of, and the project whose grant it goes through. */
    static final class ReadOptions {

        @Option(names = "--source", paramLabel = "SOURCE_ID", required = true, description = "The FHIR source.")
        String source;

        @Option(names = "--project", paramLabel = "PROJECT_ID",
                description = "Read through this project's grant (needed when you are granted in several).")
        String project;

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("source", source);
            query.put("project", project);
            return query;
        }
    }
}
