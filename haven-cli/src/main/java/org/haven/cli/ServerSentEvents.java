package org.haven.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} body (the WHATWG Server-Sent Events format) one event at a time: {@code id},
 * {@code event} and {@code data} fields, data lines joined with newlines, comments and unknown fields ignored, an
 * event dispatched at the blank line that ends it. Nothing is buffered beyond the event being read.
 */
public final class ServerSentEvents {

    /** One event; {@code id} and {@code name} are empty when the server sent none. */
    public record Event(String id, String name, String data) {}

    private ServerSentEvents() {}

    /** Reads events until the stream ends; an event cut off by the end of the stream is dropped, as the format says. */
    public static void read(BufferedReader in, Consumer<Event> each) throws IOException {
        String id = "";
        String name = "";
        StringBuilder data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    each.accept(new Event(id, name, data.toString()));
                }
                name = "";
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry (and fields of later versions) mean nothing to a client that reconnects on its own terms.
                }
            }
        }
    }
}
