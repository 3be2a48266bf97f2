/**
 * Implementations behind {@link org.haven.formats.RecordReaders}: the byte layers (gzip sniffing and bounded
 * decompression, strict decoding that also rejects NUL characters and counts lines), a hand-written RFC 4180 state
 * machine for CSV, and a reader for JSON arrays and NDJSON on Jackson's streaming parser. Not API: only the entry
 * points {@link org.haven.formats.RecordReaders} needs are public.
 */
package org.haven.formats.internal;
