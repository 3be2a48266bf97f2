package org.haven.privacy;

class InMemoryKeysetRepositoryTest extends KeysetRepositoryContract {

    @Override
    protected KeysetRepository repository() {
        return KeysetRepositories.inMemory();
    }
}
