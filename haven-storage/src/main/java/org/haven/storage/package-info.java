/**
 * Haven's blob store SPI: the {@link org.haven.storage.BlobStore} interface, its value types, its
 * key rules and its one exception. Implementations live in sub-packages and all pass the same
 * conformance suite ({@code BlobStoreContract} in this module's test jar).
 */
package org.haven.storage;
