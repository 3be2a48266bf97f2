/**
 * The {@code haven authz} commands: work with authorization models without a server, such as running SpiceDB
 * validation files ({@code haven authz validate}) against Haven's engine.
 */
package org.haven.cli.authz;
