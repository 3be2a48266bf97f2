package org.haven.formats.internal;

import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;

/** Text built up to a size limit in UTF-8 bytes; writing past it fails instead of growing. */
final class BoundedText {

    private final StringBuilder text = new StringBuilder();
    private final long maxBytes;
    private final long line;
    private final long recordNumber;
    private long bytes;

    BoundedText(long maxBytes, long line, long recordNumber) {
        this.maxBytes = maxBytes;
        this.line = line;
        this.recordNumber = recordNumber;
    }

    BoundedText append(char c) throws FormatException {
        grow(Utf8Length.of(c));
        text.append(c);
        return this;
    }

    BoundedText append(String s) throws FormatException {
        grow(Utf8Length.of(s));
        text.append(s);
        return this;
    }

    /** Appends a JSON string literal: quotes around it, and escapes for quotes, backslashes and control characters. */
    BoundedText appendQuoted(String s) throws FormatException {
        append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> append("\\\"");
                case '\\' -> append("\\\\");
                case '\n' -> append("\\n");
                case '\r' -> append("\\r");
                case '\t' -> append("\\t");
                case '\b' -> append("\\b");
                case '\f' -> append("\\f");
                default -> {
                    if (c < 0x20) {
                        append(String.format("\\u%04x", (int) c));
                    } else {
                        append(c);
                    }
                }
            }
        }
        return append('"');
    }

    private void grow(long size) throws FormatException {
        bytes += size;
        if (bytes > maxBytes) {
            throw new FormatException(Problem.FIELD_TOO_LARGE, "a nested value passes " + maxBytes + " bytes", line,
                    recordNumber);
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
