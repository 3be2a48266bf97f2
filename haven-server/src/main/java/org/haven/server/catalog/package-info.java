/**
 * The catalog: datasets owned by a tenant (name, description, tags) and the numbered, immutable versions of their
 * schema. A new schema version is checked against the latest with {@link org.haven.schema.SchemaCompatibility}:
 * additive changes are accepted, breaking ones only with an explicit flag. Every change writes its rows, the
 * {@code dataset#owner} relationship and its audit event in one transaction.
 *
 * <p>Other modules use {@link org.haven.server.catalog.CatalogService} (a dataset, a schema version as a
 * {@link org.haven.schema.Schema}) and may listen for {@link org.haven.server.catalog.SchemaVersionAdded}.
 */
package org.haven.server.catalog;
