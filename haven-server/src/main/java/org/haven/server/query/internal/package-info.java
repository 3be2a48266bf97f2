/** Record reads and their renditions, aggregates and their disclosure control; not API. */
package org.haven.server.query.internal;
