package org.haven.authz;

/** A schema that does not parse or does not make sense; the message starts with {@code line:column}. */
public final class SchemaException extends AuthzException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;

    public SchemaException(int line, int column, String problem) {
        super(AuthzErrorCode.SCHEMA_INVALID, line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** 1-based line in the schema text. */
    public int line() {
        return line;
    }

    /** 1-based column in the schema text. */
    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
