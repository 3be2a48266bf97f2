package org.haven.pipelines;

import java.util.List;

/**
 * A path pattern for upload triggers, matched against object paths such as {@code incoming/2026/jan.csv}.
 * {@code *} matches any characters within one path segment, {@code ?} one character other than {@code /}, and a
 * segment that is exactly {@code **} matches zero or more whole segments. Every other character matches itself: the
 * pattern is never compiled to a regular expression, so it cannot inject one.
 */
public final class PathGlob {

    private static final int MAX_LENGTH = 512;
    /** Each '**' multiplies the ways a path can be split; a few are plenty for real layouts. */
    private static final int MAX_DOUBLE_STARS = 4;

    private final String pattern;
    private final List<String> segments;

    private PathGlob(String pattern, List<String> segments) {
        this.pattern = pattern;
        this.segments = segments;
    }

    /** Parses a pattern; raises {@link IllegalArgumentException} saying what is wrong with it. */
    public static PathGlob of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("glob must not be empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("glob is longer than " + MAX_LENGTH + " characters");
        }
        if (pattern.startsWith("/")) {
            throw new IllegalArgumentException("glob must be relative to the data source (no leading '/')");
        }
        if (pattern.indexOf('\\') >= 0 || pattern.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("glob must not contain backslashes or control characters");
        }
        List<String> segments = List.of(pattern.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("glob has an empty path segment: '" + pattern + "'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("glob must not contain '.' or '..' segments");
            }
            if (segment.contains("**") && !segment.equals("**")) {
                throw new IllegalArgumentException("'**' must be a whole path segment, as in 'a/**/b': '" + segment + "'");
            }
        }
        if (segments.stream().filter("**"::equals).count() > MAX_DOUBLE_STARS) {
            throw new IllegalArgumentException("glob has more than " + MAX_DOUBLE_STARS + " '**' segments");
        }
        return new PathGlob(pattern, segments);
    }

    public boolean matches(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return matchSegments(0, List.of(relative.split("/", -1)), 0);
    }

    private boolean matchSegments(int patternIndex, List<String> pathSegments, int pathIndex) {
        if (patternIndex == segments.size()) {
            return pathIndex == pathSegments.size();
        }
        String segment = segments.get(patternIndex);
        if (segment.equals("**")) {
            for (int skip = pathIndex; skip <= pathSegments.size(); skip++) {
                if (matchSegments(patternIndex + 1, pathSegments, skip)) {
                    return true;
                }
            }
            return false;
        }
        return pathIndex < pathSegments.size()
                && matchSegment(segment, pathSegments.get(pathIndex))
                && matchSegments(patternIndex + 1, pathSegments, pathIndex + 1);
    }

    /** Classic two-pointer wildcard match with backtracking to the last '*': linear in practice, no recursion. */
    private static boolean matchSegment(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathGlob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
