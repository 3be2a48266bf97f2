package org.haven.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Rows printed in aligned columns under upper-case headers, the way people read lists in a terminal. */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    public static Table of(String... headers) {
        return new Table(Arrays.stream(headers).map(header -> header.toUpperCase(Locale.ROOT)).toList());
    }

    public Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(Table::cell).toList());
        return this;
    }

    public void print(PrintWriter out) {
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        int[] widths = new int[headers.size()];
        for (List<String> line : allLines()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : allLines()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(i == widths.length - 1 ? line.get(i) : String.format("%-" + widths[i] + "s  ", line.get(i)));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    /** Named members of one object as {@code label: value} lines, skipping those the object does not have. */
    public static void printFields(PrintWriter out, JsonNode object, String... labelsAndFields) {
        int width = 0;
        for (int i = 0; i < labelsAndFields.length; i += 2) {
            width = Math.max(width, labelsAndFields[i].length());
        }
        for (int i = 0; i < labelsAndFields.length; i += 2) {
            String value = cell(object.path(labelsAndFields[i + 1]));
            if (!value.isEmpty()) {
                out.println(String.format("%-" + (width + 1) + "s %s", labelsAndFields[i] + ":", value));
            }
        }
    }

    /** What a value looks like in a cell: text as is, nothing for null or missing, arrays joined with commas. */
    public static String cell(Object value) {
        if (value instanceof JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return "";
            }
            if (node.isArray()) {
                List<String> parts = new ArrayList<>();
                node.forEach(element -> parts.add(cell(element)));
                return String.join(", ", parts);
            }
            return node.isValueNode() ? node.asString() : node.toString();
        }
        return value == null ? "" : value.toString();
    }

    private List<List<String>> allLines() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        lines.addAll(rows);
        return lines;
    }
}
