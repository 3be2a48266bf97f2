package org.haven.server.audit;

import java.util.List;

/**
 * One page of a {@link AuditLog#find} result, newest first. {@code nextCursor} is an opaque token that continues
 * the listing after the last item (pass it as {@link AuditQuery#cursor()}), or null on the last page. Events
 * appended meanwhile never shift a listing in progress: they are newer than its first page.
 */
public record AuditPage(List<AuditRecord> items, String nextCursor) {

    public AuditPage {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
