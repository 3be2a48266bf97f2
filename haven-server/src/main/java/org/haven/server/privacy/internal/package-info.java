/** Key ring configuration; not API. */
package org.haven.server.privacy.internal;
