package org.haven.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code haven status}: is the server ready, and if not, which of its parts is not? */
@Command(name = "status", description = "Show whether a Haven server is ready (its database and blob store answer).")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ServerOptions serverOptions;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var server = serverOptions.baseUri();
        HttpJson.Response response = new HttpJson(server).get("/readyz");
        String status = response.body().path("status").asString("UNKNOWN");
        Map<String, String> components = new LinkedHashMap<>();
        response.body().path("components").properties()
                .forEach(entry -> components.put(entry.getKey(), entry.getValue().path("status").asString("UNKNOWN")));
        boolean ready = response.status() == 200 && "UP".equals(status);

        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("server", server.toString());
            result.put("ready", ready);
            result.put("status", status);
            result.put("components", components);
            out.println(HttpJson.toJson(result));
        } else {
            out.println(server + ": " + (ready ? "ready" : "not ready") + " (" + status + ")");
            components.forEach((name, componentStatus) -> out.println("  " + name + ": " + componentStatus));
        }
        out.flush();
        if (!ready) {
            throw new CliFailure("server at " + server + " is not ready" + downComponents(response.body()));
        }
        return ExitCodes.OK;
    }

    private static String downComponents(JsonNode body) {
        StringBuilder down = new StringBuilder();
        body.path("components").properties().forEach(entry -> {
            if (!"UP".equals(entry.getValue().path("status").asString())) {
                down.append(down.length() == 0 ? ": " : ", ").append(entry.getKey()).append(" is ").append(entry.getValue().path("status").asString("UNKNOWN"));
            }
        });
        return down.toString();
    }
}
