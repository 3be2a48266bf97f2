/**
 * Pieces the blob store implementations share. Public only because Java has no narrower visibility
 * across packages: nothing outside {@code org.haven.storage} should use them.
 */
package org.haven.storage.internal;
