/**
 * Data brought into Haven: data sources (a tenant's storage areas, with admin, writer and reader for users and
 * apps), the files uploaded into them, streaming and resumable multipart uploads, and per-tenant limits. A file's
 * content is an immutable object addressed by its SHA-256; every change writes its rows, the relationships that
 * grant access and its audit event in one transaction, and a committed upload is announced as {@link FileUploaded}.
 */
package org.haven.server.ingest;
