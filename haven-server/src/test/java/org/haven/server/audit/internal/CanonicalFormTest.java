package org.haven.server.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical form is a published format: these tests hold the code to the description in its class comment. */
class CanonicalFormTest {

    private static final Instant OCCURRED_AT = Instant.parse("2025-03-01T10:00:00.000042Z");
    /** Computed outside Java, from the documented form alone. */
    private static final String PINNED_HASH = "37357cf1d66940042370bed8d6ebbbb9db951920509b18c5908be5d2af420367";

    @Test
    void encodesEveryFieldLengthPrefixedInTheDocumentedOrder() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("zeta", "2");
        details.put("Zeta", "1");
        details.put("é", "3");
        ChainedEvent event = new ChainedEvent(7, "USER", "alice", "acme", null, "dataset.read", "dataset", "ds-1",
                "ALLOWED", null, "req-1", null, OCCURRED_AT, details);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String text : new String[] {"haven-audit-v1", "7", "USER", "alice", "acme", null, "dataset.read", "dataset",
                "ds-1", "ALLOWED", null, "req-1", null, "2025-03-01T10:00:00.000042Z", "3",
                "Zeta", "1", "zeta", "2", "é", "3"}) {
            writeField(expected, text);
        }

        assertThat(CanonicalForm.encode(event)).isEqualTo(expected.toByteArray());
    }

    @Test
    void theHashCoversThePreviousHashThenTheCanonicalForm() throws Exception {
        ChainedEvent event = new ChainedEvent(1, "SYSTEM", "scheduler", null, null, "audit.start", null, null,
                "SUCCEEDED", null, null, null, OCCURRED_AT, Map.of());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        sha256.update(CanonicalForm.encode(event));

        assertThat(CanonicalForm.hash(CanonicalForm.GENESIS, event)).isEqualTo(sha256.digest());
        // Pinned: a change to the format must be a deliberate new version, never an accident.
        assertThat(CanonicalForm.hex(CanonicalForm.hash(CanonicalForm.GENESIS, event)))
                .isEqualTo(PINNED_HASH);
    }

    @Test
    void movingTextBetweenFieldsChangesTheHash() {
        ChainedEvent one = new ChainedEvent(1, "USER", "ab", null, "c", "x.y", null, null, "ALLOWED", null, null, null,
                OCCURRED_AT, Map.of());
        ChainedEvent other = new ChainedEvent(1, "USER", "a", null, "bc", "x.y", null, null, "ALLOWED", null, null, null,
                OCCURRED_AT, Map.of());
        ChainedEvent absentNotEmpty = new ChainedEvent(1, "USER", "ab", "", "c", "x.y", null, null, "ALLOWED", null, null,
                null, OCCURRED_AT, Map.of());

        assertThat(CanonicalForm.hash(CanonicalForm.GENESIS, one))
                .isNotEqualTo(CanonicalForm.hash(CanonicalForm.GENESIS, other))
                .isNotEqualTo(CanonicalForm.hash(CanonicalForm.GENESIS, absentNotEmpty));
    }

    private static void writeField(ByteArrayOutputStream out, String text) {
        if (text == null) {
            out.write(0);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
