package org.haven.authz.schema;

/** A 1-based line and column in the schema text, kept so that every schema error can point at its cause. */
public record SourcePosition(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
