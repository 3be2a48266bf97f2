package org.haven.cli.privacy;

import java.io.PrintWriter;
import java.util.Locale;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven privacy}: how exposed the people in a dataset version are, and what would protect them. */
@Command(name = "privacy", description = "Assess the re-identification risk of dataset versions.",
        subcommands = {PrivacyCommand.Assess.class})
public final class PrivacyCommand extends CommandGroup {

    @Command(name = "assess", description = "k-anonymity of a version over its quasi-identifiers (default: its INDIRECT"
            + " fields), and the least generalisation that reaches k.")
    static final class Assess extends ApiCommand {

        @Parameters(index = "0", paramLabel = "DATASET_ID")
        String dataset;

        @Parameters(index = "1", paramLabel = "N", description = "The version number.")
        int version;

        @Option(names = "--k", defaultValue = "5", description = "The smallest group of look-alike records wanted (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--max-suppression", paramLabel = "SHARE", defaultValue = "0.05",
                description = "The share of records that may be withheld to reach k, 0 to 1 (default: ${DEFAULT-VALUE}).")
        double maxSuppression;

        @Option(names = "--qi", paramLabel = "FIELD", description = "A quasi-identifier (repeat for more).")
        java.util.List<String> quasiIdentifiers;

        @Override
        protected int execute(HavenApi api) {
            JsonNode assessment = api.post("/api/v1/datasets/" + HavenApi.segment(dataset) + "/versions/" + version
                    + "/privacy-assessment", HavenApi.body("k", k, "max_suppression", maxSuppression,
                    "quasi_identifiers", quasiIdentifiers));
            return print(assessment, out -> printAssessment(out, assessment));
        }

        private static void printAssessment(PrintWriter out, JsonNode assessment) {
            JsonNode report = assessment.path("report");
            java.util.List<String> names = new java.util.ArrayList<>();
            assessment.path("quasi_identifiers").forEach(name -> names.add(name.asString()));
            out.println("quasi-identifiers: " + String.join(", ", names));
            out.println("as published:  " + risk(report.path("before")));
            out.println("target k = " + report.path("target_k").asInt() + ", at most "
                    + percent(report.path("suppression_cap").asDouble()) + " withheld: "
                    + (report.path("achieved").asBoolean() ? "reached" : "not reached even at the top of every hierarchy"));
            java.util.List<String> levels = new java.util.ArrayList<>();
            report.path("levels").properties().forEach(level -> levels.add(level.getKey() + " to level " + level.getValue().asInt()));
            out.println("generalise:    " + String.join(", ", levels) + " (0 = as published)");
            out.println("then:          " + risk(report.path("after")) + ", " + report.path("suppressed").asLong() + " withheld");
        }

        private static String risk(JsonNode summary) {
            return summary.path("records").asLong() + " records in " + summary.path("classes").asLong() + " classes, k = "
                    + summary.path("k").asLong() + ", highest risk " + decimal(summary.path("highest_risk").asDouble())
                    + ", average risk " + decimal(summary.path("average_risk").asDouble());
        }

        private static String decimal(double value) {
            return String.format(Locale.ROOT, "%.2f", value);
        }

        private static String percent(double share) {
            return String.format(Locale.ROOT, "%.0f%%", share * 100);
        }
    }
}
