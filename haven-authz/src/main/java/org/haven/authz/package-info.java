/**
 * Haven's authorization engine, public API: relationships in SpiceDB's text form, check / lookup / expand requests
 * and their answers, revision tokens and consistency levels, the {@link org.haven.authz.AuthzEngine} itself and the
 * exceptions it raises (all {@link org.haven.authz.AuthzException} with an {@link org.haven.authz.AuthzErrorCode}).
 * Plain Java: no framework, so the engine is tested and benchmarked on its own.
 */
package org.haven.authz;
