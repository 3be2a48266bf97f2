/**
 * Dataset schemas, public API. A {@link org.haven.schema.Schema} is a list of {@link org.haven.schema.Field}s, each
 * with a {@link org.haven.schema.DataType}, an {@link org.haven.schema.IdentifierType} that later drives
 * de-identification, and optional {@link org.haven.schema.Constraints}. The package reads and writes the schema JSON
 * ({@link org.haven.schema.SchemaJson}), exports JSON Schema ({@link org.haven.schema.JsonSchemaExport}), validates
 * records of raw text ({@link org.haven.schema.RecordValidator}) into a masked
 * {@link org.haven.schema.ValidationReport}, classifies changes between versions
 * ({@link org.haven.schema.SchemaCompatibility}) and proposes a schema from a sample
 * ({@link org.haven.schema.SchemaInference}). Every rejected schema raises a
 * {@link org.haven.schema.SchemaException} with a stable {@link org.haven.schema.SchemaException.Problem}.
 * Plain Java: no framework.
 */
package org.haven.schema;
