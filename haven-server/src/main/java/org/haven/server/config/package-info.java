/**
 * Settings and process-wide facts: the validated {@link org.haven.server.config.HavenSettings} bound from
 * {@code HAVEN_*} variables, the data directory and its single-owner lock, the log format, and the guard that
 * keeps dev-only defaults out of production.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.haven.server.config;
