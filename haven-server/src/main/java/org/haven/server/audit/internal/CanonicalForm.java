package org.haven.server.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How an event is hashed into the chain. The form is fixed and public, so any tool can recompute the chain from
 * the {@code audit_events} table:
 *
 * <pre>
 * hash(n)          = SHA-256( previous_hash(n) || canonical(n) )
 * previous_hash(1) = 32 zero bytes;  previous_hash(n) = hash(n - 1)
 *
 * canonical(n) = field("haven-audit-v1")
 *                field(sequence) field(actor_type) field(actor_id) field(tenant_id) field(actor_display_name)
 *                field(action) field(resource_type) field(resource_id) field(decision) field(reason)
 *                field(request_id) field(client_address) field(occurred_at)
 *                field(number of details) then, for each detail in ascending order of the key's UTF-8 bytes
 *                (compared unsigned, which is Unicode code point order): field(key) field(value)
 *
 * field(null)  = 0x00
 * field(text)  = 0x01 || length of UTF-8(text) in bytes as a 4-byte big-endian unsigned integer || UTF-8(text)
 * </pre>
 *
 * Numbers (the sequence, the number of details) are written in decimal ASCII without leading zeros; enumerations
 * by their upper-case name as stored; {@code occurred_at} in UTC as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, always six
 * fraction digits. Every field carries its length, so no choice of text can make two different events encode
 * alike. {@code recorded_at} is not hashed: it is set by the database after the hash is computed.
 */
final class CanonicalForm {

    static final int HASH_LENGTH = 32;
    static final byte[] GENESIS = new byte[HASH_LENGTH];

    private static final String VERSION = "haven-audit-v1";
    private static final DateTimeFormatter OCCURRED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CanonicalForm() {}

    static byte[] hash(byte[] previousHash, ChainedEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previousHash);
        sha256.update(encode(event));
        return sha256.digest();
    }

    static byte[] encode(ChainedEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, VERSION);
        field(out, Long.toString(event.sequence()));
        field(out, event.actorType());
        field(out, event.actorId());
        field(out, event.tenantId());
        field(out, event.actorDisplayName());
        field(out, event.action());
        field(out, event.resourceType());
        field(out, event.resourceId());
        field(out, event.decision());
        field(out, event.reason());
        field(out, event.requestId());
        field(out, event.clientAddress());
        field(out, OCCURRED_AT.format(event.occurredAt()));
        field(out, Integer.toString(event.details().size()));
        for (Map.Entry<byte[], String> detail : sortedByKeyBytes(event.details())) {
            field(out, detail.getKey());
            field(out, detail.getValue());
        }
        return out.toByteArray();
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static List<Map.Entry<byte[], String>> sortedByKeyBytes(Map<String, String> details) {
        List<Map.Entry<byte[], String>> entries = new ArrayList<>(details.size());
        details.forEach((key, value) -> entries.add(new AbstractMap.SimpleEntry<>(utf8(key), value)));
        entries.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        return entries;
    }

    private static void field(ByteArrayOutputStream out, String text) {
        field(out, text == null ? null : utf8(text));
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        if (bytes == null) {
            out.write(0);
            return;
        }
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
