/**
 * Enforcement: every endpoint declares what it needs where it is defined ({@link
 * org.haven.server.web.RequiresPermission}, {@link org.haven.server.web.AuthorizesOnData} or {@link
 * org.haven.server.web.PublicEndpoint}), and an interceptor checks it, through the authorization engine, before
 * the handler runs. An endpoint with no declaration is refused. Also answers "who am I", "what may I do here" and
 * "why may this subject do that" for people, interfaces and access reviews.
 */
package org.haven.server.access;
