/**
 * The server's blob store: the filesystem store under the data directory by default, or an S3-compatible bucket
 * ({@code HAVEN_BLOB=s3}), chosen at start-up and checked by the readiness probe. The store itself lives in the
 * {@code haven-storage} library.
 */
package org.haven.server.storage;
