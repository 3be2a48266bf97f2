package org.haven.formats.internal;

/** Sizes of decoded text in UTF-8 bytes, so that limits mean the same for every input charset. */
final class Utf8Length {

    private Utf8Length() {
    }

    /** Bytes one UTF-16 unit takes in UTF-8; each half of a surrogate pair counts 2, the pair 4. */
    static int of(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }

    static long of(CharSequence text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            length += of(text.charAt(i));
        }
        return length;
    }
}
