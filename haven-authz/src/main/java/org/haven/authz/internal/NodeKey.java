package org.haven.authz.internal;

/** A relation or permission of one object: the unit that evaluation memoises and walks. */
record NodeKey(String type, String id, String name) {
    @Override
    public String toString() {
        return type + ":" + id + "#" + name;
    }
}
