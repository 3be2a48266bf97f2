package org.haven.authz.store;

class InMemoryTupleStoreTest extends TupleStoreContract {

    private InMemoryTupleStore current;

    @Override
    protected TupleStore store() {
        current = new InMemoryTupleStore();
        return current;
    }

    @Override
    protected TupleStore sameDataStore() {
        return current;
    }
}
