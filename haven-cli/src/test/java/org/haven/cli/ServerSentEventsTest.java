package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static List<ServerSentEvents.Event> read(String stream) throws IOException {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        ServerSentEvents.read(new BufferedReader(new StringReader(stream)), events::add);
        return events;
    }

    @Test
    void eventsCarryTheirIdNameAndData() throws IOException {
        List<ServerSentEvents.Event> events = read("""
                id:1
                event:run.started
                data:{"sequence":1}

                id: 2
                event: step.log
                data: {"sequence":2}

                """);

        assertThat(events).containsExactly(new ServerSentEvents.Event("1", "run.started", "{\"sequence\":1}"),
                new ServerSentEvents.Event("2", "step.log", "{\"sequence\":2}"));
    }

    @Test
    void dataLinesAreJoinedAndCommentsAndUnknownFieldsIgnored() throws IOException {
        List<ServerSentEvents.Event> events = read(": keep-alive\r\nretry: 1000\r\ndata: a\r\ndata:b\r\nfoo: bar\r\n\r\n");

        assertThat(events).containsExactly(new ServerSentEvents.Event("", "", "a\nb"));
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDroppedAndTheIdOutlivesItsEvent() throws IOException {
        List<ServerSentEvents.Event> events = read("id: 7\ndata: one\n\ndata: two\n\ndata: cut off");

        assertThat(events).containsExactly(new ServerSentEvents.Event("7", "", "one"), new ServerSentEvents.Event("7", "", "two"));
    }

    @Test
    void blankLinesWithoutDataDispatchNothing() throws IOException {
        assertThat(read("\n\nevent: ping\n\n")).isEmpty();
    }
}
