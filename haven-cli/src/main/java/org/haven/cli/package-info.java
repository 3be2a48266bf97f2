/**
 * The {@code haven} command. Each subcommand is a picocli command class; those that talk to a server share
 * {@link org.haven.cli.ServerOptions}, and those that call the API as the signed-in user extend
 * {@link org.haven.cli.ApiCommand}, which finds the server and token ({@link org.haven.cli.ConfigFile}) and prints
 * text or, with {@code --output json}, the server's JSON. Failures end with a one-line reason on standard error
 * and a non-zero exit code.
 */
package org.haven.cli;
