/**
 * The blob store on S3 or an S3-compatible server (MinIO, Ceph), through the AWS SDK v2 synchronous
 * client: bounded-memory multipart uploads that abort on any failure, SHA-256 in user metadata,
 * server-side copies that switch to multipart past a threshold.
 */
package org.haven.storage.s3;
