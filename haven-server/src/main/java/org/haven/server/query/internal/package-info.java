/** Record reads and their renditions; not API. */
package org.haven.server.query.internal;
