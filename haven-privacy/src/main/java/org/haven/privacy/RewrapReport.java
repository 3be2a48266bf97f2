package org.haven.privacy;

import java.util.List;

/**
 * What {@link KeyRing#rewrapFrom(MasterKey)} found: how many stored keysets the current master key already opened,
 * how many only the previous one opened (now wrapped by the current one), and which neither opened.
 *
 * @param unreadable one line per keyset neither key opened: keyset id, purpose, scope, the master key id its row
 *     records and why each key failed; never key material
 */
public record RewrapReport(int current, int rewrapped, List<String> unreadable) {

    public RewrapReport {
        unreadable = List.copyOf(unreadable);
    }

    /** Whether every stored keyset is now wrapped by the current master key. */
    public boolean complete() {
        return unreadable.isEmpty();
    }
}
