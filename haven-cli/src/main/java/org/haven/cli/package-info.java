/**
 * The {@code haven} command. Each subcommand is a picocli command class; those that talk to a server share
 * {@link org.haven.cli.ServerOptions}, and every command that prints data takes {@code --output json}. Failures end
 * with a one-line reason on standard error and a non-zero exit code.
 */
package org.haven.cli;
