package org.haven.server.pipeline.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of a record's served columns, so a load can tell a changed resource from one it already holds. Each column
 * contributes its name, whether it has a value and the value prefixed by its length, so two different records never
 * feed the digest the same bytes (an absent value differs from an empty one, a value cannot run into the next).
 */
final class ContentHash {

    private ContentHash() {}

    static byte[] of(List<String> columns, Map<String, Object> record) {
        MessageDigest digest = sha256();
        for (String column : columns) {
            Object value = record.get(column);
            digest.update(column.getBytes(StandardCharsets.UTF_8));
            if (value == null) {
                digest.update((byte) 0);
            } else {
                digest.update((byte) 1);
                byte[] text = CopyCsv.text(value).getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(text.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(text);
            }
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
