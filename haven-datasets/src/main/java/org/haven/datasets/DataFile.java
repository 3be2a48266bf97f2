package org.haven.datasets;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Parquet file of a dataset version.
 *
 * @param path relative to the version directory, with {@code /} separators (for example {@code data/part-0.parquet})
 * @param bytes the file's size
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param rows how many rows the file holds
 */
public record DataFile(String path, long bytes, String sha256, long rows) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DataFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (!isSafeRelativePath(path)) {
            throw new IllegalArgumentException("a data file path is relative, uses '/', and has no '..' or empty part");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        if (bytes < 0 || rows < 0) {
            throw new IllegalArgumentException("bytes and rows must not be negative");
        }
    }

    /** Whether a manifest's path stays inside the version directory, whatever the manifest says. */
    static boolean isSafeRelativePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.indexOf(':') >= 0) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
