/** Implementations behind {@code org.haven.privacy}: treatments, the policy document, repositories. Not API. */
package org.haven.privacy.internal;
