/**
 * How the schema API does its work: the value formats (ISO dates, NHS numbers, UK postcodes, e-mail addresses,
 * plain numbers), the JSON reader and writer, masking of example values, constraint comparison for compatibility,
 * and type and identifier guessing for inference. Nothing here is API: classes are public only where the package
 * root has to reach them, and may change without notice.
 */
package org.haven.schema.internal;
