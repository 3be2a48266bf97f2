package org.haven.cli.fhir;

import java.time.Duration;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.DurationConverter;
import org.haven.cli.HavenApi;
import org.haven.cli.OutputFormat;
import org.haven.cli.pipeline.RunWatch;
import org.haven.cli.pipeline.RunsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code haven fhir}: ingests from FHIR sources (add one with {@code haven sources add-fhir}). */
@Command(name = "fhir", description = "Ingest Patients and Observations from a FHIR source.",
        subcommands = {FhirCommand.Ingest.class})
public final class FhirCommand extends CommandGroup {

    @Command(name = "ingest", description = {
            "Start an ingest of one postal code into the tenant's patient and observation datasets.",
            "While an ingest of the same source and postal code is queued or running, that run is answered.",
            "With --wait the command waits for the run to end; its exit code is then 0 if it succeeded, else 1."})
    static final class Ingest extends ApiCommand {

        @Option(names = "--source", paramLabel = "SOURCE_ID", required = true, description = "The FHIR source.")
        String source;

        @Option(names = "--postal-code", paramLabel = "CODE", required = true, description = "The postal code.")
        String postalCode;

        @Option(names = "--wait", description = "Wait until the run ends.")
        boolean await;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h", converter = DurationConverter.class,
                description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        protected int execute(HavenApi api) {
            String id = HavenApi.segment(source);
            JsonNode started = api.post("/api/v1/sources/" + id + "/fhir/ingest", HavenApi.body("postal_code", postalCode));
            String line = (started.path("created").asBoolean() ? "started ingest run " : "ingest already going as run ")
                    + started.path("run_id").asString();
            if (!await) {
                return print(started, out -> out.println(line));
            }
            if (output == OutputFormat.text) {
                out().println(line);
                out().flush();
            }
            String tenant = api.get("/api/v1/fhir-sources/" + id).path("tenant_id").asString();
            // Text output shows the run's log as it grows: pages, patients and observations fetched, rows loaded.
            JsonNode details = new RunWatch(api, tenant, started.path("run_id").asString()).await(timeout, logged -> {
                if (output == OutputFormat.text) {
                    out().println(logged);
                    out().flush();
                }
            });
            print(details, out -> RunsCommand.printDetails(out, details));
            return RunWatch.exitCode(details);
        }
    }
}
