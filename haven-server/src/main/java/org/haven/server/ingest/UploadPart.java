package org.haven.server.ingest;

import java.time.Instant;

/** A part of a multipart upload the server holds. */
public record UploadPart(int number, long size, String sha256, Instant receivedAt) {}
