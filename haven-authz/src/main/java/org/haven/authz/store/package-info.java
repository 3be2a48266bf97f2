/**
 * Where relationships are kept: the {@link org.haven.authz.store.TupleStore} SPI with its ordered change log, an
 * in-memory store, and the PostgreSQL store with its Flyway migrations.
 */
package org.haven.authz.store;
