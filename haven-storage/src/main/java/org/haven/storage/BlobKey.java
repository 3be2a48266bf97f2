package org.haven.storage;

import java.nio.charset.StandardCharsets;

/**
 * The name of an object: slash-separated segments that every implementation can hold as they are.
 *
 * <p>The rules exist so that a key can never escape the store (no {@code ..}, no leading slash, no
 * backslash), never means two different things on two stores (no empty or {@code .} segments, no
 * trailing slash) and always fits a filesystem (at most {@value #MAX_SEGMENT_BYTES} UTF-8 bytes per
 * segment). Keys order by Unicode code point, which is the UTF-8 byte order S3 lists in.
 */
public record BlobKey(String value) implements Comparable<BlobKey> {

    /** S3's own limit; the filesystem store can hold every key up to it. */
    public static final int MAX_KEY_BYTES = 1024;

    /** The longest file name common filesystems accept. */
    public static final int MAX_SEGMENT_BYTES = 255;

    /** A first segment kept for the stores' own bookkeeping (S3 staging uploads). */
    public static final String RESERVED_SEGMENT = ".haven";

    public BlobKey {
        String problem = problemWith(value);
        if (problem != null) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_KEY, "invalid blob key: " + problem);
        }
    }

    public static BlobKey of(String value) {
        return new BlobKey(value);
    }

    /** Whether {@code value} is a valid key, for callers that filter rather than reject. */
    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /**
     * Checks a listing prefix: any leading part of a valid key, so it may end inside a segment or
     * with a slash, and the empty prefix lists everything.
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String problem = characterProblemIn(prefix);
        if (problem == null && prefix.startsWith("/")) {
            problem = "leading slash";
        } else if (problem == null && prefix.contains("//")) {
            problem = "empty segment";
        } else if (problem == null
                && prefix.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            problem = "longer than a key can be";
        }
        if (problem != null) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_REQUEST,
                    "invalid listing prefix: " + problem);
        }
        return prefix;
    }

    /** The segments, in order. */
    public String[] segments() {
        return value.split("/", -1);
    }

    @Override
    public int compareTo(BlobKey other) {
        return compareCodePoints(value, other.value);
    }

    /**
     * Orders strings as S3 does: by code point, so that supplementary characters sort after the
     * BMP.
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "a key must not be empty";
        }
        String problem = characterProblemIn(value);
        if (problem != null) {
            return problem;
        }
        String printable = printableForm(value);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            return "%d UTF-8 bytes, more than %d".formatted(bytes, MAX_KEY_BYTES);
        }
        if (value.startsWith("/")) {
            return "leading slash in '%s'".formatted(printable);
        }
        if (value.endsWith("/")) {
            return "trailing slash in '%s'".formatted(printable);
        }
        String[] segments = value.split("/", -1);
        if (segments[0].equals(RESERVED_SEGMENT)) {
            return "'%s' is reserved as a first segment".formatted(RESERVED_SEGMENT);
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return "empty segment in '%s'".formatted(printable);
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'%s' segment in '%s'".formatted(segment, printable);
            }
            int segmentBytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (segmentBytes > MAX_SEGMENT_BYTES) {
                return "a segment of %d UTF-8 bytes, more than %d"
                        .formatted(segmentBytes, MAX_SEGMENT_BYTES);
            }
        }
        return null;
    }

    private static String characterProblemIn(String value) {
        String printable = printableForm(value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return "control character U+%04X in '%s'".formatted((int) c, printable);
            }
            if (c == '\\') {
                return "backslash in '%s'".formatted(printable);
            }
            if (Character.isSurrogate(c) && !isPairedSurrogate(value, i)) {
                return "unpaired surrogate in '%s'".formatted(printable);
            }
        }
        return null;
    }

    private static boolean isPairedSurrogate(String value, int index) {
        char c = value.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 < value.length() && Character.isLowSurrogate(value.charAt(index + 1));
        }
        return index > 0 && Character.isHighSurrogate(value.charAt(index - 1));
    }

    /**
     * Error messages echo the key, so they must not carry the control characters that made it
     * invalid.
     */
    private static String printableForm(String value) {
        StringBuilder shown = new StringBuilder();
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            shown.append(Character.isISOControl(c) ? '?' : c);
        }
        if (value.length() > limit) {
            shown.append("...");
        }
        return shown.toString();
    }
}
