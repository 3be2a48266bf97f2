/**
 * The error vocabulary of the whole server: one root exception carrying an {@link org.haven.server.errors.ErrorCode}
 * that fixes the HTTP status, the stable problem type and whether a retry can help. Every module throws these;
 * the web module renders them as RFC 9457 problem details.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.haven.server.errors;
