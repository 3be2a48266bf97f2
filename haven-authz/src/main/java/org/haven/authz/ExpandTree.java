package org.haven.authz;

import java.util.List;
import java.util.Objects;

/**
 * Why subjects have a permission: the permission's expression over the data. A LEAF holds the relationships of one
 * relation; subject sets among them ({@code group:eng#member}) are expanded as children, so the tree reaches every
 * person. ARROW nodes hold one child per object the arrow walks to. CYCLE marks a subject set already being expanded
 * higher up; TRUNCATED marks where the depth limit stopped the expansion.
 */
public record ExpandTree(Kind kind, ObjectRef resource, String relation, List<Relationship> relationships, List<ExpandTree> children) {

    public enum Kind { LEAF, UNION, INTERSECTION, EXCLUSION, ARROW, NIL, CYCLE, TRUNCATED }

    public ExpandTree {
        Objects.requireNonNull(kind, "kind");
        relationships = List.copyOf(relationships);
        children = List.copyOf(children);
    }

    /** An indented, human-readable rendering for access reviews. */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out, 0);
        return out.toString();
    }

    private void render(StringBuilder out, int indent) {
        out.append("  ".repeat(indent)).append(kind).append(' ').append(resource).append('#').append(relation).append('\n');
        for (Relationship relationship : relationships) {
            out.append("  ".repeat(indent + 1)).append("- ").append(relationship).append('\n');
        }
        for (ExpandTree child : children) {
            child.render(out, indent + 1);
        }
    }
}
