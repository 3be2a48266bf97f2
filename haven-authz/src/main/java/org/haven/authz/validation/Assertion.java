package org.haven.authz.validation;

import java.util.Map;
import org.haven.authz.CheckRequest;

/** One entry of {@code assertTrue}, {@code assertFalse} or {@code assertCaveated}. */
public record Assertion(Kind kind, CheckRequest request, String text, int line) {

    public enum Kind {
        TRUE("assertTrue"), FALSE("assertFalse"), CAVEATED("assertCaveated");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public Map<String, Object> context() {
        return request.context();
    }
}
