package org.haven.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** Paging for the lists the server returns a page at a time. */
public final class ListOptions {

    @Option(names = "--limit", paramLabel = "N", description = "At most N items per page.")
    Integer limit;

    @Option(names = "--all", description = "Follow the pages to the end instead of showing only the first.")
    boolean all;

    /** The query parameters for the first page; more can be added to it. */
    public Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", limit == null ? null : limit.toString());
        return query;
    }

    public boolean all() {
        return all;
    }

    /** Says when the server has more than was shown, so a person knows the list is not the whole. */
    public static void printMore(PrintWriter out, JsonNode page) {
        if (!page.path("next_cursor").asString("").isBlank()) {
            out.println("(more: add --all to list every page)");
        }
    }
}
