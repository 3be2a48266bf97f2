package org.haven.cli.schema;

import org.haven.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code haven schema}: work with dataset schemas locally, without a server. */
@Command(name = "schema", description = "Work with dataset schemas.", subcommands = {InferCommand.class})
public final class SchemaCommand extends CommandGroup {
}
