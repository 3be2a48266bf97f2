package org.haven.datasets;

import java.util.Objects;

/**
 * An input of a version: an immutable object in the blob store, by key and content hash.
 *
 * @param key the blob store key, as the server names it
 * @param sha256 lower-case hex SHA-256 of the object's bytes
 */
public record InputObject(String key, String sha256) {

    public InputObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        if (key.isBlank()) {
            throw new IllegalArgumentException("an input object has a key");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }
}
