package org.haven.server.ingest;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/**
 * The rules for a file's path inside a source. Paths are names, never locations: they are not used to build
 * storage keys, but pipelines and downloads hand them to other tools, so anything that could climb out of a
 * directory, hide its real name or break a filesystem is refused rather than repaired.
 */
public final class FilePaths {

    public static final int MAX_PATH_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final int MAX_SEGMENTS = 32;

    private FilePaths() {}

    /** The path in Unicode NFC, or a {@code validation-failed} problem saying what is wrong with it. */
    public static String sanitise(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw invalid("a path is required");
        }
        String path = Normalizer.normalize(raw, Normalizer.Form.NFC);
        String problem = problemWith(path);
        if (problem != null) {
            throw invalid(problem);
        }
        return path;
    }

    /** A listing prefix: empty or the start of a valid path. */
    public static String prefix(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String prefix = Normalizer.normalize(raw, Normalizer.Form.NFC);
        String problem = characterProblem(prefix);
        if (problem == null && (prefix.startsWith("/") || prefix.contains("//"))) {
            problem = "a prefix cannot start with '/' or contain '//'";
        }
        if (problem != null) {
            throw invalid(problem);
        }
        return prefix;
    }

    private static String problemWith(String path) {
        String characters = characterProblem(path);
        if (characters != null) {
            return characters;
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "a path is at most " + MAX_PATH_BYTES + " UTF-8 bytes";
        }
        if (path.startsWith("/")) {
            return "a path is relative to its source: no leading '/'";
        }
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            return "a path has at most " + MAX_SEGMENTS + " segments";
        }
        if (segments[0].length() == 2 && Character.isLetter(segments[0].charAt(0)) && segments[0].charAt(1) == ':') {
            return "a path is relative to its source: no drive letter";
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return "a path has no empty segments (no '//' and no trailing '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "a path has no '.' or '..' segments";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "a name in a path is at most " + MAX_SEGMENT_BYTES + " UTF-8 bytes";
            }
        }
        return null;
    }

    private static String characterProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                return "a path separates names with '/', never '\\'";
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return "a path has no control characters";
            }
            // Bidirectional overrides make a name display as something other than what it is.
            if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                return "a path has no bidirectional control characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "a path is valid Unicode";
            }
        }
        return null;
    }

    private static HavenException invalid(String problem) {
        return new HavenException(ErrorCode.VALIDATION_FAILED, "Invalid path: " + problem);
    }
}
