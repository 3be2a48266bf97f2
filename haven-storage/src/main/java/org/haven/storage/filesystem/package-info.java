/**
 * The blob store on a local filesystem, Haven's embedded default: crash-safe writes (temporary
 * file, fsync, atomic rename), object metadata in a fixed-size header inside each object file, and
 * a lock file that makes one process at a time the owner of a store root.
 */
package org.haven.storage.filesystem;
