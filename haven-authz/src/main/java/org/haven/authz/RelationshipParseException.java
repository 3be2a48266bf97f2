package org.haven.authz;

/** A relationship string or a relationship that the schema does not allow; {@link #column()} is 1-based, 0 when not positional. */
public final class RelationshipParseException extends AuthzException {

    private static final long serialVersionUID = 1L;

    private final int column;

    public RelationshipParseException(int column, String problem) {
        super(AuthzErrorCode.RELATIONSHIP_INVALID, column > 0 ? "column " + column + ": " + problem : problem);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
